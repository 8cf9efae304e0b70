import Foundation

/// What one rollout pass did, per model.
public struct RolloutPassReport: Sendable, Equatable {
    public var at: Date
    /// Per model, what its rollout did: `advance`, `promote` or `roll-back`.
    public var moved: [String: String] = [:]
    /// Per model, why its rollout holds.
    public var holding: [String: String] = [:]
    /// Per model, what failed (reading the gates, storing, pushing); retried next pass.
    public var failed: [String: String] = [:]

    public init(at: Date) {
        self.at = at
    }
}

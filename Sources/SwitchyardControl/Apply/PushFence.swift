/// What every push runs inside: where several replicas share a database, a check that this replica still leads and
/// that no successor has pushed since (``LeadershipFence``); for a lone replica, nothing (``UnfencedPushes``).
public protocol PushFence: Sendable {
    /// Runs `push`, or throws ``ApplyError/notLeader`` or ``ApplyError/superseded(term:newest:)`` without running it.
    func fenced<T: Sendable>(_ push: () async throws -> T) async throws -> T
}

/// The fence of a replica that owns its database alone: every push goes out.
public struct UnfencedPushes: PushFence {
    public init() {}

    public func fenced<T: Sendable>(_ push: () async throws -> T) async throws -> T {
        try await push()
    }
}

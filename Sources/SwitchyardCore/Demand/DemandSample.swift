import Foundation

/// One observation of a model's demand: requests per second at a moment, and where it came from.
public struct DemandSample: Codable, Sendable, Equatable, Hashable {
    public var model: String
    /// When the rate was measured (the end of the rate's window).
    public var observedAt: Date
    /// Requests per second, ≥ 0.
    public var rps: Double
    /// Where it came from: `prometheus`, `cloudwatch`, `operator`, `replay`.
    public var source: String

    public init(model: String, observedAt: Date, rps: Double, source: String) {
        self.model = model
        self.observedAt = observedAt
        self.rps = rps
        self.source = source
    }
}

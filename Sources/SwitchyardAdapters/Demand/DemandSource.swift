import SwitchyardCore

/// Where a model's demand is observed (a Prometheus query, CloudWatch metrics, a fake). Asked once per poll
/// and model; the poller stores what it answers.
public protocol DemandSource: Sendable {
    /// A short name for logs, e.g. `prometheus`.
    var name: String { get }

    /// The model's demand now, or nil when the source has nothing for it (no series, no data yet). Throws
    /// when the source cannot be read; the caller tries again at its next poll.
    func sample(model: String) async throws -> DemandSample?
}

import SwitchyardCore

/// A source of capacity signals: Karpenter events, pending pods, a Prometheus query. Each runs while its
/// stream is iterated and stops when the consumer stops.
public protocol CapacityObserver: Sendable {
    /// A short name for logs and audit actors, e.g. `karpenter-events`.
    var name: String { get }
    /// The signals, as they are observed; the stream ends when the observer cannot go on.
    func signals() -> AsyncStream<CapacitySignal>
}

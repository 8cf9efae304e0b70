import SwitchyardCore

/// A source of capacity signals: Karpenter events, pending pods, a Prometheus query. Each runs while its
/// stream is iterated and stops when the consumer stops.
public protocol CapacityObserver: Sendable {
    /// A short name for logs and audit actors, e.g. `karpenter-events`.
    var name: String { get }
    /// The signals as they are observed, with `up`/`down` as the observer reaches or loses its source. The
    /// stream ends when the observer cannot go on by itself (a watch that gave up); a supervisor starts it again.
    func events() -> AsyncStream<ObserverEvent>
}

extension CapacityObserver {
    /// Only the signals of ``events()``.
    public func signals() -> AsyncStream<CapacitySignal> {
        let events = events()
        let (stream, continuation) = AsyncStream.makeStream(of: CapacitySignal.self)
        let task = Task {
            for await event in events {
                if case .signal(let signal) = event { continuation.yield(signal) }
            }
            continuation.finish()
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }
}

import Prometheus
import Synchronization

/// The request counter and latency histogram of each route, method and status, made in the registry on their first
/// request and kept: the registry's own lookup (the name built from its descriptor, labels validated and joined into
/// a key, under the registry's lock) is then paid once per series instead of on every request.
final class HTTPRequestSeries: Sendable {
    private struct Key: Hashable {
        var route: String
        var method: String
        var status: Int
    }

    private let registry: PrometheusCollectorRegistry
    private let series = Mutex<[Key: (requests: Counter, duration: DurationHistogram)]>([:])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Counts one request and records how long it took.
    func record(route: String, method: String, status: Int, duration: Duration) {
        let key = Key(route: route, method: method, status: status)
        let found = series.withLock { $0[key] } ?? make(key)
        found.requests.increment()
        found.duration.record(duration)
    }

    private func make(_ key: Key) -> (requests: Counter, duration: DurationHistogram) {
        let made = (
            requests: registry.makeCounter(
                descriptor: HTTPMetrics.requests,
                labels: [("route", key.route), ("method", key.method), ("status", String(key.status))]),
            duration: registry.makeDurationHistogram(
                descriptor: HTTPMetrics.duration, labels: [("route", key.route), ("method", key.method)],
                buckets: HTTPMetrics.latencyBuckets)
        )
        series.withLock { $0[key] = made }
        return made
    }
}

import Prometheus
import SwitchyardControl

/// The service's own Prometheus series, kept in the registry the process exposes on `/metrics`.
struct HTTPMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    /// The fleet's state as gauges, set at each scrape.
    let fleet: FleetStateMetrics
    /// Request counts and latencies, by route, method and status.
    private let requestSeries: HTTPRequestSeries

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
        fleet = FleetStateMetrics(registry: registry)
        requestSeries = HTTPRequestSeries(registry: registry)
    }

    /// Upper bounds of the latency histogram: from a cached read to a large import.
    static let latencyBuckets: [Duration] = [
        .milliseconds(1), .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50),
        .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2.5), .seconds(5), .seconds(10),
    ]

    static var requests: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "http", metricName: "requests", unitName: "total",
            helpText: "HTTP requests by route template, method and status.")
    }

    static var duration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "http", metricName: "request_duration", unitName: "seconds",
            helpText: "HTTP request latency by route template and method.")
    }

    static var databaseSize: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "database", metricName: "size", unitName: "bytes",
            helpText: "Bytes used by the SQLite database file.")
    }

    static var auditHead: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "audit", metricName: "head", unitName: "seq",
            helpText: "Sequence number of the newest audit event; it only ever grows.")
    }

    static var observerUp: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "observer", metricName: "up",
            helpText: "1 while a capacity observer is watching its source, 0 while it starts or retries.")
    }

    static var observerRestarts: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "observer", metricName: "restarts",
            helpText: "Times a capacity observer was started again after its stream ended.")
    }

    func setObservers(_ observers: [ObserverHealth.Entry]) {
        for entry in observers {
            let labels = [("observer", entry.observer)]
            registry.makeGauge(descriptor: Self.observerUp, labels: labels).set(Double(entry.state == .watching ? 1 : 0))
            registry.makeGauge(descriptor: Self.observerRestarts, labels: labels).set(Double(entry.restarts))
        }
    }

    func recordRequest(route: String, method: String, status: Int, duration: Duration) {
        requestSeries.record(route: route, method: method, status: status, duration: duration)
    }

    func setDatabaseSize(bytes: Int64) {
        registry.makeGauge(descriptor: Self.databaseSize).set(Double(bytes))
    }

    func setAuditHead(seq: Int64) {
        registry.makeGauge(descriptor: Self.auditHead).set(Double(seq))
    }

    /// The registry in the Prometheus text format.
    func exposition() -> [UInt8] {
        registry.emitToBuffer()
    }
}

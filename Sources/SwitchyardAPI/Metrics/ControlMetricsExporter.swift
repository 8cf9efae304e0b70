import Prometheus
import SwitchyardControl
import SwitchyardCore

/// The control loops' reports (``ControlMetrics``) as Prometheus series in the registry served on `/metrics`:
/// `switchyard_pushes_total{target,outcome}`, `switchyard_push_duration_seconds{target}`,
/// `switchyard_failover_switches_total{model,to}`, `switchyard_failover_reaction_seconds` and
/// `switchyard_drift_corrections_total{target,outcome}`. The series of the given targets exist from the start at
/// zero, so rates and alerts have something to read before the first push.
public struct ControlMetricsExporter: ControlMetrics {
    let registry: PrometheusCollectorRegistry

    /// Push latency: from a local file write to a slow API server.
    static let pushBuckets: [Duration] = [
        .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
        .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(1.5), .seconds(2.5), .seconds(5), .seconds(10),
        .seconds(30),
    ]
    /// Reaction time: the goal is 2 s; a switch held back by the minimum dwell waits up to minutes.
    static let reactionBuckets: [Duration] = [
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1), .seconds(2),
        .seconds(5), .seconds(10), .seconds(30), .seconds(60), .seconds(120), .seconds(300), .seconds(600),
    ]

    static var pushes: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", metricName: "pushes", unitName: "total",
            helpText: "Pushes to a target (files, kubernetes, alb-annotation, elbv2) by outcome: succeeded when every item sent was accepted.")
    }

    static var pushDuration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "push", metricName: "duration", unitName: "seconds",
            helpText: "Time to send one push to a target and have its items answered.")
    }

    static var switches: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "failover", metricName: "switches", unitName: "total",
            helpText: "Failover switches pushed and committed, by model and the strategy switched to.")
    }

    static var reaction: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "failover", metricName: "reaction", unitName: "seconds",
            helpText: "From the first evidence of a shortage reaching Switchyard to the switch it caused being pushed and committed.")
    }

    static var driftCorrections: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "drift", metricName: "corrections", unitName: "total",
            helpText: "Items edited by hand on a target that a drift pass restored, or failed to restore.")
    }

    public init(registry: PrometheusCollectorRegistry, targets: [ApplierKind] = []) {
        self.registry = registry
        for target in targets {
            for outcome in ["succeeded", "failed"] { _ = pushCounter(target, outcome) }
            for outcome in ["restored", "failed"] { _ = driftCounter(target, outcome) }
            _ = pushHistogram(target)
        }
        _ = registry.makeDurationHistogram(descriptor: Self.reaction, buckets: Self.reactionBuckets)
    }

    public func pushed(target: ApplierKind, succeeded: Bool, duration: Duration) {
        pushCounter(target, succeeded ? "succeeded" : "failed").increment()
        pushHistogram(target).record(duration)
    }

    public func switched(model: String, to configuration: ModelConfiguration, reaction: Duration?) {
        registry.makeCounter(
            descriptor: Self.switches, labels: [("model", model), ("to", configuration.strategy.rawValue)]
        ).increment()
        if let reaction {
            registry.makeDurationHistogram(descriptor: Self.reaction, buckets: Self.reactionBuckets).record(reaction)
        }
    }

    public func driftCorrected(target: ApplierKind, restored: Bool) {
        driftCounter(target, restored ? "restored" : "failed").increment()
    }

    private func pushCounter(_ target: ApplierKind, _ outcome: String) -> Counter {
        registry.makeCounter(descriptor: Self.pushes, labels: [("target", target.rawValue), ("outcome", outcome)])
    }

    private func driftCounter(_ target: ApplierKind, _ outcome: String) -> Counter {
        registry.makeCounter(descriptor: Self.driftCorrections, labels: [("target", target.rawValue), ("outcome", outcome)])
    }

    private func pushHistogram(_ target: ApplierKind) -> DurationHistogram {
        registry.makeDurationHistogram(
            descriptor: Self.pushDuration, labels: [("target", target.rawValue)], buckets: Self.pushBuckets)
    }
}

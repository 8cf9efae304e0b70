import Foundation
import Prometheus
import Synchronization
import SwitchyardControl
import SwitchyardCore

/// The fleet's state as gauges, read at each scrape: per model the configuration in force (one series per strategy,
/// 1 for the one in force), since when and whether it is pinned; per pool its health (one series per state); per unit
/// its weight in force; whether the audit chain verifies. A series whose model, pool or unit is gone is removed at the
/// next scrape rather than left at its last value.
final class FleetStateMetrics: Sendable {
    let registry: PrometheusCollectorRegistry
    /// The labelled gauges set by the last scrape, by name and labels.
    private let published = Mutex<[String: Gauge]>([:])

    init(registry: PrometheusCollectorRegistry) {
        self.registry = registry
    }

    /// Between the name and the labels of a series' key: a control character, in no name or label.
    static let separator: Character = "\u{1F}"
    static let strategies = StrategyKind.allCases.map(\.rawValue)
    static let poolStates = ["healthy", "short", "recovering"]

    static var configuration: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "model", metricName: "configuration", unitName: "",
            helpText: "1 for the strategy of the model's configuration in force (cost, capacity or optimal), 0 for the others.")
    }

    static var configurationSince: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "model", metricName: "configuration_since", unitName: "timestamp_seconds",
            helpText: "Unix time the model's configuration in force took effect; 0 for the initial cost configuration.")
    }

    static var pinned: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "model", metricName: "pinned", unitName: "",
            helpText: "1 while an operator holds the model in a configuration.")
    }

    static var poolHealth: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "pool", metricName: "health", unitName: "",
            helpText: "1 for the pool's health (healthy, short or recovering), 0 for the others.")
    }

    static var unitWeight: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "unit", metricName: "weight", unitName: "",
            helpText: "The unit's load balancer weight in force (0-100 within its model); 0 for a unit left out of the plan.")
    }

    static var auditChainValid: MetricNameDescriptor {
        MetricNameDescriptor(
            namespace: "switchyard", subsystem: "audit", metricName: "chain_valid", unitName: "",
            helpText: "1 while the audit chain verifies (each scrape checks what was appended since the last check), 0 once it does not.")
    }

    private struct Series {
        var descriptor: MetricNameDescriptor
        var labels: [(String, String)]
        var value: Double

        var key: String { ([descriptor.name] + labels.map { "\($0.0)=\($0.1)" }).joined(separator: String(FleetStateMetrics.separator)) }
    }

    /// Sets every series from the failover status and the plans in force, and removes those no longer present.
    func publish(status: FailoverStatus?, plans: [RoutingPlan]?) {
        var series: [Series] = []
        for model in status?.models ?? [] {
            for strategy in Self.strategies {
                series.append(Series(
                    descriptor: Self.configuration, labels: [("model", model.model), ("configuration", strategy)],
                    value: model.strategy.rawValue == strategy ? 1 : 0))
            }
            series.append(Series(
                descriptor: Self.configurationSince, labels: [("model", model.model)],
                value: model.since?.timeIntervalSince1970 ?? 0))
            series.append(Series(descriptor: Self.pinned, labels: [("model", model.model)], value: model.pin == nil ? 0 : 1))
        }
        for pool in status?.pools ?? [] {
            for state in Self.poolStates {
                series.append(Series(
                    descriptor: Self.poolHealth, labels: [("pool", pool.pool), ("state", state)],
                    value: pool.state == state ? 1 : 0))
            }
        }
        for plan in plans ?? [] {
            for entry in plan.entries {
                series.append(Series(
                    descriptor: Self.unitWeight, labels: [("model", plan.model), ("unit", entry.unit)], value: Double(entry.weight)))
            }
            for excluded in plan.excluded {
                series.append(Series(
                    descriptor: Self.unitWeight, labels: [("model", plan.model), ("unit", excluded.unit)], value: 0))
            }
        }
        // What could not be read this time keeps its series as they were.
        let refreshed: Set<String> = Set(
            (status == nil ? [] : [Self.configuration.name, Self.configurationSince.name, Self.pinned.name, Self.poolHealth.name])
                + (plans == nil ? [] : [Self.unitWeight.name]))
        published.withLock { published in
            var next = published.filter { key, _ in
                !refreshed.contains(String(key.prefix { $0 != Self.separator }))
            }
            for item in series {
                let gauge = published[item.key] ?? registry.makeGauge(descriptor: item.descriptor, labels: item.labels)
                gauge.set(item.value)
                next[item.key] = gauge
            }
            for (key, gauge) in published where next[key] == nil {
                registry.unregisterGauge(gauge)
            }
            published = next
        }
    }

    func setAuditChain(valid: Bool) {
        registry.makeGauge(descriptor: Self.auditChainValid).set(Double(valid ? 1 : 0))
    }
}

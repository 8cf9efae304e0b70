import GRDB
import SwitchyardCore

extension ServedModel: ResourceTable {
    static var tableName: String { "models" }

    static func decode(_ row: Row, in db: Database) throws -> ServedModel {
        ServedModel(
            name: row["name"],
            slo: ServiceLevelObjective(
                latencyPercentile: try row.decodeEnum(LatencyPercentile.self, "latency_percentile"),
                latencyThresholdMs: row["latency_threshold_ms"], maxErrorRate: row["max_error_rate"],
                maxUtilization: row["max_utilization"]),
            expectedDemandRPS: row["expected_demand_rps"],
            routing: RoutingSettings(
                defaultStrategy: try row.decodeEnum(StrategyKind.self, "default_strategy"),
                stickinessSeconds: row["stickiness_seconds"],
                applier: try row.decodeEnum(ApplierKind.self, "applier"),
                listenerARN: row["listener_arn"], ruleARN: row["rule_arn"],
                failoverStrategy: try row.decodeEnum(StrategyKind.self, "failover_strategy"),
                adaptive: row["adaptive"],
                standby: try Self.standby(row["standby"])))
    }

    var columnValues: [(column: String, value: (any DatabaseValueConvertible)?)] {
        [
            ("latency_percentile", slo.latencyPercentile.rawValue),
            ("latency_threshold_ms", slo.latencyThresholdMs),
            ("max_error_rate", slo.maxErrorRate),
            ("max_utilization", slo.maxUtilization),
            ("expected_demand_rps", expectedDemandRPS),
            ("default_strategy", routing.defaultStrategy.rawValue),
            ("stickiness_seconds", routing.stickinessSeconds),
            ("applier", routing.applier.rawValue),
            ("listener_arn", routing.listenerARN),
            ("rule_arn", routing.ruleARN),
            ("failover_strategy", routing.failoverStrategy.rawValue),
            ("adaptive", routing.adaptive),
            ("standby", routing.standby.text),
        ]
    }

    private static func standby(_ text: String) throws -> StandbyPolicy {
        guard let policy = StandbyPolicy(text: text) else {
            throw StoredDataError.malformed(column: "standby", value: text)
        }
        return policy
    }

    static func referrers(of name: String, in db: Database) throws -> [ResourceRef] {
        try String.fetchAll(db, sql: "SELECT name FROM units WHERE model = ? ORDER BY name", arguments: [name])
            .map { ResourceRef(kind: .unit, name: $0) }
    }

    var fieldViolations: [FieldViolation] { FleetValidator.violations(of: self) }
}

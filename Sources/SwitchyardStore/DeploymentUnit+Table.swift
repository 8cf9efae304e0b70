import GRDB
import SwitchyardCore

extension DeploymentUnit: ResourceTable {
    static var tableName: String { "units" }

    static func decode(_ row: Row, in db: Database) throws -> DeploymentUnit {
        DeploymentUnit(
            name: row["name"], model: row["model"], instanceType: row["instance_type"], pool: row["pool"],
            region: row["region"], capacityType: try row.decodeEnum(CapacityType.self, "capacity_type"),
            runtime: row["runtime"], image: row["image"], minReplicas: row["min_replicas"],
            maxReplicas: row["max_replicas"],
            kubernetes: KubernetesNames(
                namespace: row["k8s_namespace"], deployment: row["k8s_deployment"], service: row["k8s_service"],
                port: row["k8s_port"]),
            healthPath: row["health_path"], readinessPath: row["readiness_path"],
            targetGroupARN: row["target_group_arn"], manualBreakingPointRPS: row["manual_breaking_point_rps"],
            enabled: row["enabled"], timeToServeSeconds: row["time_to_serve_seconds"])
    }

    var columnValues: [(column: String, value: (any DatabaseValueConvertible)?)] {
        [
            ("model", model),
            ("instance_type", instanceType),
            ("pool", pool),
            ("region", region),
            ("capacity_type", capacityType.rawValue),
            ("runtime", runtime),
            ("image", image),
            ("min_replicas", minReplicas),
            ("max_replicas", maxReplicas),
            ("k8s_namespace", kubernetes.namespace),
            ("k8s_deployment", kubernetes.deployment),
            ("k8s_service", kubernetes.service),
            ("k8s_port", kubernetes.port),
            ("health_path", healthPath),
            ("readiness_path", readinessPath),
            ("target_group_arn", targetGroupARN),
            ("manual_breaking_point_rps", manualBreakingPointRPS),
            ("enabled", enabled),
            ("time_to_serve_seconds", timeToServeSeconds),
        ]
    }

    static func referrers(of name: String, in db: Database) throws -> [ResourceRef] {
        try Int64.fetchAll(db, sql: "SELECT id FROM benchmark_runs WHERE unit = ? ORDER BY id", arguments: [name])
            .map { ResourceRef(kind: .benchmark, name: BenchmarkRun.referenceName(unit: name, id: $0)) }
    }

    var fieldViolations: [FieldViolation] { FleetValidator.violations(of: self) }

    func unresolvedReferences(in db: Database) throws -> [FieldViolation] {
        func exists(_ table: String, _ name: String) throws -> Set<String> {
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE name = ?)", arguments: [name]) == true
                ? [name] : []
        }
        return FleetValidator.unresolvedReferences(
            of: self, models: try exists("models", model), instanceTypes: try exists("instance_types", instanceType),
            pools: try exists("pools", pool))
    }

    static func condition(for filter: ResourceFilter) -> (sql: String, arguments: StatementArguments)? {
        var clauses: [String] = []
        var arguments: StatementArguments = []
        if let model = filter.model { clauses.append("model = ?"); arguments += [model] }
        if let pool = filter.pool { clauses.append("pool = ?"); arguments += [pool] }
        return clauses.isEmpty ? nil : (clauses.joined(separator: " AND "), arguments)
    }
}

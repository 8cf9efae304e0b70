import GRDB
import SwitchyardCore

extension CapacityPool: ResourceTable {
    static var tableName: String { "pools" }

    static func decode(_ row: Row, in db: Database) throws -> CapacityPool {
        CapacityPool(
            name: row["name"],
            instanceFamilies: try row.decodeJSON([String].self, "instance_families"),
            gpuNames: try row.decodeJSON([String].self, "gpu_names"),
            capacityTypes: try row.decodeJSON([CapacityType].self, "capacity_types"),
            arch: try row.decodeJSON([CPUArchitecture].self, "arch"),
            limits: PoolLimits(
                cpu: row["limit_cpu"], memoryGiB: row["limit_memory_gib"], accelerators: row["limit_accelerators"],
                nodes: row["limit_nodes"]),
            weight: row["weight"],
            taints: try row.decodeJSON([Taint].self, "taints"),
            consolidation: Consolidation(
                policy: try row.decodeEnum(ConsolidationPolicy.self, "consolidation_policy"),
                consolidateAfter: row["consolidate_after"]),
            nodeClass: try row.decodeOptionalJSON(PoolNodeClass.self, "node_class"))
    }

    var columnValues: [(column: String, value: (any DatabaseValueConvertible)?)] {
        // Encoding plain arrays of strings and small structs cannot fail; "[]" keeps the CHECK satisfied regardless.
        func json<Value: Encodable>(_ value: Value) -> String { (try? CanonicalJSON.text(value)) ?? "[]" }
        return [
            ("instance_families", json(instanceFamilies)),
            ("gpu_names", json(gpuNames)),
            ("capacity_types", json(capacityTypes)),
            ("arch", json(arch)),
            ("taints", json(taints)),
            ("limit_cpu", limits.cpu),
            ("limit_memory_gib", limits.memoryGiB),
            ("limit_accelerators", limits.accelerators),
            ("limit_nodes", limits.nodes),
            ("weight", weight),
            ("consolidation_policy", consolidation.policy.rawValue),
            ("consolidate_after", consolidation.consolidateAfter),
            // Validated before it is written, so it encodes; a failure would store NULL, never malformed JSON.
            ("node_class", nodeClass.flatMap { try? CanonicalJSON.text($0) }),
        ]
    }

    static func referrers(of name: String, in db: Database) throws -> [ResourceRef] {
        try String.fetchAll(db, sql: "SELECT name FROM units WHERE pool = ? ORDER BY name", arguments: [name])
            .map { ResourceRef(kind: .unit, name: $0) }
    }

    var fieldViolations: [FieldViolation] { FleetValidator.violations(of: self) }

    func conflicts(in db: Database) throws -> [FieldViolation] {
        guard case .managed = nodeClass else { return [] }
        var managers: [String: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT name, node_class FROM pools WHERE node_class IS NOT NULL AND name != ?", arguments: [name]) {
            let pool: String = row["name"]
            if case .managed(_, let className)? = try row.decodeOptionalJSON(PoolNodeClass.self, "node_class") {
                managers[pool] = className ?? pool
            }
        }
        return FleetValidator.nodeClassConflict(of: self, managers: managers).map { [$0] } ?? []
    }
}

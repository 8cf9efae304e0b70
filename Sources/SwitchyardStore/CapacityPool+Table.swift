import GRDB
import SwitchyardCore

extension CapacityPool: FleetResource {
    package static var kind: ResourceKind { .pool }
    package static var committed: KeyPath<CommittedFleet, StoredResources<CapacityPool>> { \.pools }

    package static func value(from record: PoolRecord, in db: Database) throws -> CapacityPool {
        value(from: record)
    }

    /// The pool a row holds; it has no child rows.
    static func value(from record: PoolRecord) -> CapacityPool {
        CapacityPool(
            name: record.name, instanceFamilies: record.instanceFamilies, gpuNames: record.gpuNames,
            capacityTypes: record.capacityTypes, arch: record.arch,
            limits: PoolLimits(
                cpu: record.limitCpu, memoryGiB: record.limitMemoryGib, accelerators: record.limitAccelerators,
                nodes: record.limitNodes),
            weight: record.weight, taints: record.taints,
            consolidation: Consolidation(policy: record.consolidationPolicy, consolidateAfter: record.consolidateAfter),
            nodeClass: record.nodeClass, reservation: record.reservation,
            spotInterruptionRates: record.spotInterruptionRates)
    }

    package func record(createdAt: String, updatedAt: String) -> PoolRecord {
        PoolRecord(
            name: name, instanceFamilies: instanceFamilies, gpuNames: gpuNames, capacityTypes: capacityTypes,
            arch: arch, taints: taints, limitCpu: limits.cpu, limitMemoryGib: limits.memoryGiB,
            limitAccelerators: limits.accelerators, limitNodes: limits.nodes, weight: weight,
            consolidationPolicy: consolidation.policy, consolidateAfter: consolidation.consolidateAfter,
            nodeClass: nodeClass, reservation: reservation, spotInterruptionRates: spotInterruptionRates,
            createdAt: createdAt, updatedAt: updatedAt)
    }

    package static func referrers(of name: String, in db: Database) throws -> [ResourceRef] {
        try String.fetchAll(db, sql: "SELECT name FROM units WHERE pool = ? ORDER BY name", arguments: [name])
            .map { ResourceRef(kind: .unit, name: $0) }
    }

    package var fieldViolations: [FieldViolation] { FleetValidator.violations(of: self) }

    /// One pool manages each node class name: another pool's managed class of the same name is a conflict.
    package func conflicts(in db: Database) throws -> [FieldViolation] {
        guard case .managed = nodeClass else { return [] }
        return conflicts(withOthers: try PoolRecord.filter(Column("name") != name && Column("node_class") != nil).fetchAll(db))
    }

    /// The node class conflict with the other pools that have a node class of their own, if any.
    func conflicts(withOthers others: [PoolRecord]) -> [FieldViolation] {
        var managers: [String: String] = [:]
        for other in others {
            if case .managed(_, let className)? = other.nodeClass {
                managers[other.name] = className ?? other.name
            }
        }
        return FleetValidator.nodeClassConflict(of: self, managers: managers).map { [$0] } ?? []
    }
}

/// A row of `pools`; list-valued fields are JSON array columns.
package struct PoolRecord: ResourceRecord {
    package static let databaseTableName = "pools"

    var name: String
    var instanceFamilies: [String]
    var gpuNames: [String]
    var capacityTypes: [CapacityType]
    var arch: [CPUArchitecture]
    var taints: [Taint]
    var limitCpu: Int?
    var limitMemoryGib: Double?
    var limitAccelerators: Int?
    var limitNodes: Int?
    var weight: Int?
    var consolidationPolicy: ConsolidationPolicy
    var consolidateAfter: String
    /// JSON; NULL when the pool uses the default node class.
    var nodeClass: PoolNodeClass?
    /// JSON; NULL when the pool holds no reservation.
    var reservation: CapacityReservation?
    /// JSON object: instance family to rate.
    var spotInterruptionRates: [String: Double]
    package var createdAt: String
    package var updatedAt: String
}

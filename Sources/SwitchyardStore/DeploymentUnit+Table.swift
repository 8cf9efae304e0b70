import GRDB
import SwitchyardCore

extension DeploymentUnit: FleetResource {
    package static var kind: ResourceKind { .unit }
    package static var committed: KeyPath<CommittedFleet, StoredResources<DeploymentUnit>> { \.units }

    package var filterKeys: ResourceFilter? { ResourceFilter(model: model, pool: pool) }

    package static func value(from record: UnitRecord, in db: Database) throws -> DeploymentUnit {
        value(from: record)
    }

    /// The unit a row holds; it has no child rows.
    static func value(from record: UnitRecord) -> DeploymentUnit {
        DeploymentUnit(
            name: record.name, model: record.model, instanceType: record.instanceType, pool: record.pool,
            region: record.region, capacityType: record.capacityType, runtime: record.runtime, image: record.image,
            minReplicas: record.minReplicas, maxReplicas: record.maxReplicas,
            kubernetes: KubernetesNames(
                namespace: record.k8sNamespace, deployment: record.k8sDeployment, service: record.k8sService,
                port: record.k8sPort),
            healthPath: record.healthPath, readinessPath: record.readinessPath, targetGroupARN: record.targetGroupArn,
            manualBreakingPointRPS: record.manualBreakingPointRps, enabled: record.enabled,
            timeToServeSeconds: record.timeToServeSeconds, version: record.version, args: record.args,
            kserve: record.kserve, capacityTypes: record.capacityTypes, pinCapacityType: record.pinCapacityType)
    }

    package func record(createdAt: String, updatedAt: String) -> UnitRecord {
        UnitRecord(
            name: name, model: model, instanceType: instanceType, pool: pool, region: region,
            capacityType: capacityType, runtime: runtime, image: image, minReplicas: minReplicas,
            maxReplicas: maxReplicas, k8sNamespace: kubernetes.namespace, k8sDeployment: kubernetes.deployment,
            k8sService: kubernetes.service, k8sPort: kubernetes.port, healthPath: healthPath,
            readinessPath: readinessPath, targetGroupArn: targetGroupARN, manualBreakingPointRps: manualBreakingPointRPS,
            enabled: enabled, timeToServeSeconds: timeToServeSeconds, version: version, args: args, kserve: kserve,
            capacityTypes: capacityTypes, pinCapacityType: pinCapacityType, createdAt: createdAt, updatedAt: updatedAt)
    }

    package static func referrers(of name: String, in db: Database) throws -> [ResourceRef] {
        try Int64.fetchAll(db, sql: "SELECT id FROM benchmark_runs WHERE unit = ? ORDER BY id", arguments: [name])
            .map { ResourceRef(kind: .benchmark, name: BenchmarkRun.referenceName(unit: name, id: $0)) }
    }

    package var fieldViolations: [FieldViolation] { FleetValidator.violations(of: self) }

    package func unresolvedReferences(in db: Database) throws -> [FieldViolation] {
        func exists(_ table: String, _ name: String) throws -> Set<String> {
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE name = ?)", arguments: [name]) == true
                ? [name] : []
        }
        let unresolved = FleetValidator.unresolvedReferences(
            of: self, models: try exists("models", model), instanceTypes: try exists("instance_types", instanceType),
            pools: try exists("pools", pool))
        guard let record = try PoolRecord.fetchOne(db, key: pool) else { return unresolved }
        return unresolved + FleetValidator.capacityKindMismatch(
            of: self, pool: try CapacityPool.value(from: record, in: db))
    }

    package static func condition(for filter: ResourceFilter) -> SQLExpression? {
        let clauses = [filter.model.map { Column("model") == $0 }, filter.pool.map { Column("pool") == $0 }].compactMap { $0 }
        return clauses.isEmpty ? nil : clauses.joined(operator: .and)
    }
}

/// A row of `units`.
package struct UnitRecord: ResourceRecord {
    package static let databaseTableName = "units"

    var name: String
    var model: String
    var instanceType: String
    var pool: String
    var region: String
    var capacityType: CapacityType
    var runtime: String
    var image: String
    var minReplicas: Int
    var maxReplicas: Int
    var k8sNamespace: String
    var k8sDeployment: String
    var k8sService: String
    var k8sPort: Int
    var healthPath: String
    var readinessPath: String
    var targetGroupArn: String?
    var manualBreakingPointRps: Double?
    var enabled: Bool
    var timeToServeSeconds: Double?
    var version: String?
    /// JSON arrays and objects.
    var args: [String]?
    var kserve: KServeModelSpec?
    var capacityTypes: [CapacityType]
    var pinCapacityType: Bool
    package var createdAt: String
    package var updatedAt: String
}

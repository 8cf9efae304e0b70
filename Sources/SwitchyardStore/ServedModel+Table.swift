import GRDB
import SwitchyardCore

extension ServedModel: FleetResource {
    package static var kind: ResourceKind { .model }
    package static var committed: KeyPath<CommittedFleet, StoredResources<ServedModel>> { \.models }

    package static func value(from record: ModelRecord, in db: Database) throws -> ServedModel {
        try value(from: record)
    }

    /// The model a row holds; it has no child rows.
    static func value(from record: ModelRecord) throws -> ServedModel {
        guard let standby = StandbyPolicy(text: record.standby) else {
            throw StoredDataError.malformed(column: "standby", value: record.standby)
        }
        return ServedModel(
            name: record.name,
            slo: ServiceLevelObjective(
                latencyPercentile: record.latencyPercentile, latencyThresholdMs: record.latencyThresholdMs,
                maxErrorRate: record.maxErrorRate, maxUtilization: record.maxUtilization),
            expectedDemandRPS: record.expectedDemandRps,
            routing: RoutingSettings(
                defaultStrategy: record.defaultStrategy, stickinessSeconds: record.stickinessSeconds,
                applier: record.applier, listenerARN: record.listenerArn, ruleARN: record.ruleArn,
                failoverStrategy: record.failoverStrategy, adaptive: record.adaptive, standby: standby,
                workload: record.workload, router: record.router,
                gateway: record.gatewayName.map {
                    GatewayReference(name: $0, namespace: record.gatewayNamespace, sectionName: record.gatewaySectionName)
                }),
            spot: SpotSettings(
                maxShare: record.spotMaxShare, onDemandFloor: record.spotOnDemandFloor,
                spareNodes: record.spotSpareNodes))
    }

    package func record(createdAt: String, updatedAt: String) -> ModelRecord {
        ModelRecord(
            name: name, latencyPercentile: slo.latencyPercentile, latencyThresholdMs: slo.latencyThresholdMs,
            maxErrorRate: slo.maxErrorRate, maxUtilization: slo.maxUtilization, expectedDemandRps: expectedDemandRPS,
            defaultStrategy: routing.defaultStrategy, stickinessSeconds: routing.stickinessSeconds,
            applier: routing.applier, listenerArn: routing.listenerARN, ruleArn: routing.ruleARN,
            failoverStrategy: routing.failoverStrategy, adaptive: routing.adaptive, standby: routing.standby.text,
            workload: routing.workload, router: routing.router, gatewayName: routing.gateway?.name,
            gatewayNamespace: routing.gateway?.namespace, gatewaySectionName: routing.gateway?.sectionName,
            spotMaxShare: spot.maxShare, spotOnDemandFloor: spot.onDemandFloor, spotSpareNodes: spot.spareNodes,
            createdAt: createdAt, updatedAt: updatedAt)
    }

    package static func referrers(of name: String, in db: Database) throws -> [ResourceRef] {
        try String.fetchAll(db, sql: "SELECT name FROM units WHERE model = ? ORDER BY name", arguments: [name])
            .map { ResourceRef(kind: .unit, name: $0) }
    }

    package var fieldViolations: [FieldViolation] { FleetValidator.violations(of: self) }
}

/// A row of `models`.
package struct ModelRecord: ResourceRecord {
    package static let databaseTableName = "models"

    var name: String
    var latencyPercentile: LatencyPercentile
    var latencyThresholdMs: Double
    var maxErrorRate: Double
    var maxUtilization: Double
    var expectedDemandRps: Double?
    var defaultStrategy: StrategyKind
    var stickinessSeconds: Int?
    var applier: ApplierKind
    var listenerArn: String?
    var ruleArn: String?
    var failoverStrategy: StrategyKind
    var adaptive: Bool
    /// `StandbyPolicy.text`: `auto` or a count.
    var standby: String
    var workload: WorkloadKind
    var router: RouterKind
    var gatewayName: String?
    var gatewayNamespace: String?
    var gatewaySectionName: String?
    var spotMaxShare: Double
    var spotOnDemandFloor: Double
    var spotSpareNodes: Int
    package var createdAt: String
    package var updatedAt: String
}

import GRDB
import SwitchyardCore

extension InstanceType: FleetResource {
    package static var kind: ResourceKind { .instanceType }
    package static var committed: KeyPath<CommittedFleet, StoredResources<InstanceType>> { \.instanceTypes }

    package static func value(from record: InstanceTypeRecord, in db: Database) throws -> InstanceType {
        let prices = try InstancePriceRecord.filter(Column("instance_type") == record.name).order(Column("position"))
            .fetchAll(db)
        return value(from: record, prices: prices)
    }

    /// The instance type a row and its price rows (in position order) hold.
    static func value(from record: InstanceTypeRecord, prices: [InstancePriceRecord]) -> InstanceType {
        let prices = prices.map { InstancePrice(region: $0.region, capacityType: $0.capacityType, hourlyUSD: $0.hourlyUsd) }
        return InstanceType(
            name: record.name, family: record.family,
            accelerator: Accelerator(
                vendor: record.acceleratorVendor, name: record.acceleratorName, count: record.acceleratorCount,
                memoryGiB: record.acceleratorMemoryGib),
            deviceResource: record.deviceResource, vcpu: record.vcpu, memoryGiB: record.memoryGib, arch: record.arch,
            prices: prices)
    }

    package func record(createdAt: String, updatedAt: String) -> InstanceTypeRecord {
        InstanceTypeRecord(
            name: name, family: family, acceleratorVendor: accelerator.vendor, acceleratorName: accelerator.name,
            acceleratorCount: accelerator.count, acceleratorMemoryGib: accelerator.memoryGiB,
            deviceResource: deviceResource, vcpu: vcpu, memoryGib: memoryGiB, arch: arch, createdAt: createdAt,
            updatedAt: updatedAt)
    }

    package func saveChildren(in db: Database) throws {
        try InstancePriceRecord.filter(Column("instance_type") == name).deleteAll(db)
        for (position, price) in prices.enumerated() {
            try InstancePriceRecord(
                instanceType: name, position: position, region: price.region, capacityType: price.capacityType,
                hourlyUsd: price.hourlyUSD
            ).insert(db)
        }
    }

    package static func referrers(of name: String, in db: Database) throws -> [ResourceRef] {
        try String.fetchAll(db, sql: "SELECT name FROM units WHERE instance_type = ? ORDER BY name", arguments: [name])
            .map { ResourceRef(kind: .unit, name: $0) }
    }

    package var fieldViolations: [FieldViolation] { FleetValidator.violations(of: self) }
}

/// A row of `instance_types`; its prices are rows of `instance_type_prices`.
package struct InstanceTypeRecord: ResourceRecord {
    package static let databaseTableName = "instance_types"

    var name: String
    var family: String
    var acceleratorVendor: String
    var acceleratorName: String
    var acceleratorCount: Int
    var acceleratorMemoryGib: Double
    var deviceResource: String
    var vcpu: Int
    var memoryGib: Double
    var arch: CPUArchitecture
    package var createdAt: String
    package var updatedAt: String
}

/// A row of `instance_type_prices`: one price of an instance type, at the position the client gave it.
struct InstancePriceRecord: Codable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "instance_type_prices"
    static let databaseColumnDecodingStrategy = SnakeCaseColumns.strategy
    static let databaseColumnEncodingStrategy = DatabaseColumnEncodingStrategy.convertToSnakeCase

    var instanceType: String
    var position: Int
    var region: String
    var capacityType: CapacityType
    var hourlyUsd: Double
}

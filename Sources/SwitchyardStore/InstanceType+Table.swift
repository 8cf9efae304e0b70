import GRDB
import SwitchyardCore

extension InstanceType: ResourceTable {
    static var tableName: String { "instance_types" }

    static func decode(_ row: Row, in db: Database) throws -> InstanceType {
        let name: String = row["name"]
        let prices = try Row.fetchAll(
            db, sql: "SELECT * FROM instance_type_prices WHERE instance_type = ? ORDER BY position",
            arguments: [name]
        ).map { price in
            InstancePrice(
                region: price["region"], capacityType: try price.decodeEnum(CapacityType.self, "capacity_type"),
                hourlyUSD: price["hourly_usd"])
        }
        return InstanceType(
            name: name, family: row["family"],
            accelerator: Accelerator(
                vendor: row["accelerator_vendor"], name: row["accelerator_name"], count: row["accelerator_count"],
                memoryGiB: row["accelerator_memory_gib"]),
            deviceResource: row["device_resource"], vcpu: row["vcpu"], memoryGiB: row["memory_gib"],
            arch: try row.decodeEnum(CPUArchitecture.self, "arch"), prices: prices)
    }

    var columnValues: [(column: String, value: (any DatabaseValueConvertible)?)] {
        [
            ("family", family),
            ("accelerator_vendor", accelerator.vendor),
            ("accelerator_name", accelerator.name),
            ("accelerator_count", accelerator.count),
            ("accelerator_memory_gib", accelerator.memoryGiB),
            ("device_resource", deviceResource),
            ("vcpu", vcpu),
            ("memory_gib", memoryGiB),
            ("arch", arch.rawValue),
        ]
    }

    func saveChildren(in db: Database) throws {
        try db.execute(sql: "DELETE FROM instance_type_prices WHERE instance_type = ?", arguments: [name])
        for (position, price) in prices.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO instance_type_prices (instance_type, position, region, capacity_type, hourly_usd)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [name, position, price.region, price.capacityType.rawValue, price.hourlyUSD])
        }
    }

    static func referrers(of name: String, in db: Database) throws -> [ResourceRef] {
        try String.fetchAll(db, sql: "SELECT name FROM units WHERE instance_type = ? ORDER BY name", arguments: [name])
            .map { ResourceRef(kind: .unit, name: $0) }
    }

    var fieldViolations: [FieldViolation] { FleetValidator.violations(of: self) }
}

import GRDB
import SwitchyardCore

extension ServedModel {
    package static func value(from record: ModelRecord, on session: PostgresSession) async throws -> ServedModel {
        try value(from: record)
    }

    package static func referrers(of name: String, on session: PostgresSession) async throws -> [ResourceRef] {
        try await session.rows("SELECT name FROM units WHERE model = $1 ORDER BY name", [name])
            .map { ResourceRef(kind: .unit, name: $0["name"]) }
    }
}

extension InstanceType {
    package static func value(from record: InstanceTypeRecord, on session: PostgresSession) async throws
        -> InstanceType
    {
        let prices = try await session.rows(
            "SELECT * FROM instance_type_prices WHERE instance_type = $1 ORDER BY position", [record.name]
        ).map { try InstancePriceRecord(row: $0) }
        return value(from: record, prices: prices)
    }

    package func saveChildren(on session: PostgresSession) async throws {
        try await session.execute("DELETE FROM instance_type_prices WHERE instance_type = $1", [name])
        for (position, price) in prices.enumerated() {
            try await session.execute(
                """
                INSERT INTO instance_type_prices (instance_type, position, region, capacity_type, hourly_usd)
                VALUES ($1, $2, $3, $4, $5)
                """,
                [name, position, price.region, price.capacityType.rawValue, price.hourlyUSD])
        }
    }

    package static func referrers(of name: String, on session: PostgresSession) async throws -> [ResourceRef] {
        try await session.rows("SELECT name FROM units WHERE instance_type = $1 ORDER BY name", [name])
            .map { ResourceRef(kind: .unit, name: $0["name"]) }
    }
}

extension CapacityPool {
    package static func value(from record: PoolRecord, on session: PostgresSession) async throws -> CapacityPool {
        value(from: record)
    }

    package static func referrers(of name: String, on session: PostgresSession) async throws -> [ResourceRef] {
        try await session.rows("SELECT name FROM units WHERE pool = $1 ORDER BY name", [name])
            .map { ResourceRef(kind: .unit, name: $0["name"]) }
    }

    package func conflicts(on session: PostgresSession) async throws -> [FieldViolation] {
        guard case .managed = nodeClass else { return [] }
        let others = try await session.rows("SELECT * FROM pools WHERE name <> $1 AND node_class IS NOT NULL", [name])
            .map { try PoolRecord(row: $0) }
        return conflicts(withOthers: others)
    }
}

extension DeploymentUnit {
    package static func value(from record: UnitRecord, on session: PostgresSession) async throws -> DeploymentUnit {
        value(from: record)
    }

    package static func referrers(of name: String, on session: PostgresSession) async throws -> [ResourceRef] {
        try await session.rows("SELECT id FROM benchmark_runs WHERE unit = $1 ORDER BY id", [name])
            .map { ResourceRef(kind: .benchmark, name: BenchmarkRun.referenceName(unit: name, id: $0["id"])) }
    }

    package func unresolvedReferences(on session: PostgresSession) async throws -> [FieldViolation] {
        func exists(_ table: String, _ name: String) async throws -> Set<String> {
            try await session.row("SELECT 1 AS found FROM \(table) WHERE name = $1", [name]) == nil ? [] : [name]
        }
        return FleetValidator.unresolvedReferences(
            of: self, models: try await exists("models", model),
            instanceTypes: try await exists("instance_types", instanceType), pools: try await exists("pools", pool))
    }

    package static func postgresCondition(for filter: ResourceFilter, parametersFrom first: Int) -> PostgresCondition? {
        var clauses: [String] = []
        var arguments: [String] = []
        if let model = filter.model {
            clauses.append("model = $\(first + arguments.count)")
            arguments.append(model)
        }
        if let pool = filter.pool {
            clauses.append("pool = $\(first + arguments.count)")
            arguments.append(pool)
        }
        return clauses.isEmpty ? nil : PostgresCondition(sql: clauses.joined(separator: " AND "), arguments: arguments)
    }
}

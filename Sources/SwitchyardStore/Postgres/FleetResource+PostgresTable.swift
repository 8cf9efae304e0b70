import GRDB
import SwitchyardCore

/// The generic row operations of ``FleetResource`` on PostgreSQL: the same records and rules as on SQLite, the SQL
/// written for PostgreSQL.
extension FleetResource {
    package func saveChildren(on session: PostgresSession) async throws {}
    package static func referrers(of name: String, on session: PostgresSession) async throws -> [ResourceRef] { [] }
    package func unresolvedReferences(on session: PostgresSession) async throws -> [FieldViolation] { [] }
    package func conflicts(on session: PostgresSession) async throws -> [FieldViolation] { [] }
    package static func postgresCondition(for filter: ResourceFilter, parametersFrom first: Int) -> PostgresCondition? {
        nil
    }

    static var tableName: String { Record.databaseTableName }

    static func stored(from record: Record, on session: PostgresSession) async throws -> Stored<Self> {
        let value = try await value(from: record, on: session)
        return Stored(
            value: value, etag: try CanonicalJSON.etag(value), createdAt: try Timestamp.date(record.createdAt),
            updatedAt: try Timestamp.date(record.updatedAt))
    }

    /// The row named `name`; `locking` holds it until the transaction ends, so that a concurrent If-Match write
    /// waits and then sees this one's result.
    static func fetchRecord(named name: String, locking: Bool = false, on session: PostgresSession) async throws
        -> Record?
    {
        try await session.row("SELECT * FROM \(tableName) WHERE name = $1\(locking ? " FOR UPDATE" : "")", [name])
            .map { try Record(row: $0) }
    }

    static func fetchStored(named name: String, on session: PostgresSession) async throws -> Stored<Self>? {
        guard let record = try await fetchRecord(named: name, on: session) else { return nil }
        return try await stored(from: record, on: session)
    }

    /// A page as the database lists it; the committed fleet's listings (``StoredResources``) are held to it in tests.
    static func fetchPage(filter: ResourceFilter, after key: String?, limit: Int, on session: PostgresSession)
        async throws -> (items: [Stored<Self>], hasMore: Bool)
    {
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        if let key {
            arguments.append(key)
            conditions.append("name > $\(arguments.count)")
        }
        if let condition = postgresCondition(for: filter, parametersFrom: arguments.count + 1) {
            arguments.append(contentsOf: condition.arguments.map { $0 as (any DatabaseValueConvertible)? })
            conditions.append(condition.sql)
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try await session.rows(
            "SELECT * FROM \(tableName) \(whereClause) ORDER BY name LIMIT \(limit + 1)", arguments)
        var items: [Stored<Self>] = []
        for row in rows.prefix(limit) { items.append(try await stored(from: try Record(row: row), on: session)) }
        return (items, rows.count > limit)
    }

    static func fetchAllValues(on session: PostgresSession) async throws -> [Self] {
        var values: [Self] = []
        for row in try await session.rows("SELECT * FROM \(tableName) ORDER BY name") {
            values.append(try await value(from: try Record(row: row), on: session))
        }
        return values
    }

    /// Every resource of the kind in name order, with its row's timestamps.
    static func fetchAllStored(on session: PostgresSession) async throws -> StoredResources<Self> {
        var values: [Self] = []
        var times: [StoredResources<Self>.Times] = []
        for row in try await session.rows("SELECT * FROM \(tableName) ORDER BY name") {
            let record = try Record(row: row)
            values.append(try await value(from: record, on: session))
            times.append(.init(createdAt: record.createdAt, updatedAt: record.updatedAt))
        }
        return StoredResources(values: values, times: times)
    }

    static func allNames(on session: PostgresSession) async throws -> Set<String> {
        Set(try await session.rows("SELECT name FROM \(tableName)").map { $0["name"] as String })
    }

    /// Inserts the row, or updates it keeping its `created_at`, then writes its children.
    func write(at time: String, replacing existing: Record?, on session: PostgresSession) async throws {
        let columns = try record(createdAt: existing?.createdAt ?? time, updatedAt: time).databaseDictionary
            .sorted { $0.key < $1.key }
        let arguments = columns.map { $0.value as (any DatabaseValueConvertible)? }
        if existing == nil {
            let names = columns.map(\.key).joined(separator: ", ")
            let placeholders = columns.indices.map { "$\($0 + 1)" }.joined(separator: ", ")
            try await session.execute("INSERT INTO \(Self.tableName) (\(names)) VALUES (\(placeholders))", arguments)
        } else {
            let assignments = columns.enumerated().map { "\($1.key) = $\($0 + 1)" }.joined(separator: ", ")
            try await session.execute(
                "UPDATE \(Self.tableName) SET \(assignments) WHERE name = $\(columns.count + 1)", arguments + [name])
        }
        try await saveChildren(on: session)
    }

    static func deleteRow(named name: String, on session: PostgresSession) async throws {
        try await session.execute("DELETE FROM \(tableName) WHERE name = $1", [name])
    }
}

/// A listing's extra condition on PostgreSQL: SQL and its parameters, numbered from where the listing puts them.
package struct PostgresCondition: Sendable {
    var sql: String
    var arguments: [String]
}

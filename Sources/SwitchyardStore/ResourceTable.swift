import GRDB
import SwitchyardCore

/// How one kind of fleet resource maps to its table: its columns, child rows, referrers and rules.
/// Generic store operations work through this; each conforming type lives in `Type+Table.swift`.
protocol ResourceTable: FleetResource {
    static var tableName: String { get }
    /// Reads a value from its table row (and its child rows, if any).
    static func decode(_ row: Row, in db: Database) throws -> Self
    /// Column values other than `name`, `created_at` and `updated_at`.
    var columnValues: [(column: String, value: (any DatabaseValueConvertible)?)] { get }
    /// Replaces child rows (prices) after the main row is written.
    func saveChildren(in db: Database) throws
    /// What still refers to the resource named `name`, blocking its deletion.
    static func referrers(of name: String, in db: Database) throws -> [ResourceRef]
    /// The domain rules, from the pure validator.
    var fieldViolations: [FieldViolation] { get }
    /// References to other resources that do not exist, named by field.
    func unresolvedReferences(in db: Database) throws -> [FieldViolation]
    /// Rules across resources the value breaks, named by field: what another stored resource already holds.
    func conflicts(in db: Database) throws -> [FieldViolation]
    /// A listing's extra condition for `filter`, or nil when the kind ignores filters.
    static func condition(for filter: ResourceFilter) -> (sql: String, arguments: StatementArguments)?
}

extension ResourceTable {
    func saveChildren(in db: Database) throws {}
    static func referrers(of name: String, in db: Database) throws -> [ResourceRef] { [] }
    func unresolvedReferences(in db: Database) throws -> [FieldViolation] { [] }
    func conflicts(in db: Database) throws -> [FieldViolation] { [] }
    static func condition(for filter: ResourceFilter) -> (sql: String, arguments: StatementArguments)? { nil }

    static func storedValue(from row: Row, in db: Database) throws -> Stored<Self> {
        let value = try decode(row, in: db)
        return Stored(
            value: value, etag: try CanonicalJSON.etag(value), createdAt: try Timestamp.date(row["created_at"]),
            updatedAt: try Timestamp.date(row["updated_at"]))
    }

    static func fetchStored(named name: String, in db: Database) throws -> Stored<Self>? {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM \(tableName) WHERE name = ?", arguments: [name]) else {
            return nil
        }
        return try storedValue(from: row, in: db)
    }

    static func fetchPage(filter: ResourceFilter, after key: String?, limit: Int, in db: Database) throws
        -> (items: [Stored<Self>], hasMore: Bool)
    {
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let key {
            conditions.append("name > ?")
            arguments += [key]
        }
        if let condition = condition(for: filter) {
            conditions.append(condition.sql)
            arguments += condition.arguments
        }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM \(tableName) \(whereClause) ORDER BY name LIMIT \(limit + 1)", arguments: arguments)
        let items = try rows.prefix(limit).map { try storedValue(from: $0, in: db) }
        return (items, rows.count > limit)
    }

    static func fetchAllValues(in db: Database) throws -> [Self] {
        try Row.fetchAll(db, sql: "SELECT * FROM \(tableName) ORDER BY name").map { try decode($0, in: db) }
    }

    static func allNames(in db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT name FROM \(tableName)"))
    }

    /// Inserts or updates the row, keeping `created_at` of an existing row, then its children.
    func upsert(at time: String, in db: Database) throws {
        let pairs = columnValues
        let columns = ["name"] + pairs.map(\.column) + ["created_at", "updated_at"]
        let placeholders = Array(repeating: "?", count: columns.count).joined(separator: ", ")
        let updates = (pairs.map(\.column) + ["updated_at"]).map { "\($0) = excluded.\($0)" }.joined(separator: ", ")
        var arguments: StatementArguments = [name]
        arguments += StatementArguments(pairs.map(\.value))
        arguments += [time, time]
        try db.execute(
            sql: """
                INSERT INTO \(Self.tableName) (\(columns.joined(separator: ", "))) VALUES (\(placeholders))
                ON CONFLICT (name) DO UPDATE SET \(updates)
                """,
            arguments: arguments)
        try saveChildren(in: db)
    }

    static func deleteRow(named name: String, in db: Database) throws {
        try db.execute(sql: "DELETE FROM \(tableName) WHERE name = ?", arguments: [name])
    }
}

extension Row {
    /// Decodes a raw-value enum column, failing loudly on a value the domain does not know.
    func decodeEnum<Value: RawRepresentable>(_ type: Value.Type, _ column: String) throws -> Value
    where Value.RawValue == String {
        let raw: String = self[column]
        guard let value = Value(rawValue: raw) else { throw StoredDataError.malformed(column: column, value: raw) }
        return value
    }

    /// Decodes a JSON text column.
    func decodeJSON<Value: Decodable>(_ type: Value.Type, _ column: String) throws -> Value {
        guard let value = try decodeOptionalJSON(type, column) else {
            throw StoredDataError.malformed(column: column, value: "NULL")
        }
        return value
    }

    /// Decodes a nullable JSON text column; nil for NULL.
    func decodeOptionalJSON<Value: Decodable>(_ type: Value.Type, _ column: String) throws -> Value? {
        guard let text: String = self[column] else { return nil }
        do {
            return try CanonicalJSON.decode(type, from: text)
        } catch {
            throw StoredDataError.malformed(column: column, value: text)
        }
    }
}

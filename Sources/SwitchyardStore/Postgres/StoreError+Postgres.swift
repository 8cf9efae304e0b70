import PostgresNIO
import SwitchyardCore

extension StoreError {
    /// Maps what the PostgreSQL server refused to the same cases as SQLite's constraint failures: a unique or
    /// foreign key violation and the audit trail's append-only trigger are conflicts, a CHECK or NOT NULL violation is
    /// invalid input naming its field. Other errors pass through.
    static func mapping(postgres error: any Error) -> any Error {
        guard let error = error as? PSQLError, let state = error.serverInfo?[.sqlState] else { return error }
        let message = error.serverInfo?[.message] ?? "constraint failed"
        switch state {
        case "23505":
            return StoreError.conflict(message)
        case "23503":
            return StoreError.conflict("a referenced resource is missing or still referenced: \(message)")
        case "23000", "23P01":
            return StoreError.conflict(message)
        case "23502":
            return StoreError.invalid([FieldViolation(field: jsonKey(error.serverInfo?[.columnName] ?? ""), message: message)])
        case "23514":
            let field = checkedColumn(
                constraint: error.serverInfo?[.constraintName] ?? "", table: error.serverInfo?[.tableName] ?? "")
            return StoreError.invalid([FieldViolation(field: jsonKey(field), message: message)])
        case "22P02", "22003", "22007", "22008":
            return StoreError.invalid([FieldViolation(field: "", message: message)])
        default:
            return error
        }
    }

    /// The column a CHECK constraint is named after: PostgreSQL names a column's check `TABLE_COLUMN_check`.
    private static func checkedColumn(constraint: String, table: String) -> String {
        var name = Substring(constraint)
        if name.hasPrefix(table + "_") { name = name.dropFirst(table.count + 1) }
        while let last = name.last, last.isNumber { name = name.dropLast() }
        if name.hasSuffix("_check") { name = name.dropLast("_check".count) } else if name == "check" { name = "" }
        return String(name)
    }

    /// A snake-case column as the domain's camelCase JSON key.
    private static func jsonKey(_ column: String) -> String {
        let words = column.split(separator: "_")
        guard let first = words.first else { return "" }
        return String(first) + words.dropFirst().map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }
}

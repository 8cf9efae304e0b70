import Foundation
import GRDB
import Logging
import NIOCore
import PostgresNIO

/// One PostgreSQL connection lent to a store operation: SQL with `$1`-style parameters in, GRDB rows out, so that
/// rows map to domain values through the same records the SQLite engine uses.
///
/// Parameters are sent as text of unspecified type and the server infers each from where it stands, as SQLite takes
/// whatever it is given: a `Bool` (GRDB's 1 or 0) lands in a BOOLEAN column, an integer in a BIGINT one. Cells come
/// back as the GRDB values SQLite would hold: booleans as 1 or 0, integers as Int64, floats as Double, text as String.
package struct PostgresSession: Sendable {
    let connection: PostgresConnection
    let logger: Logger

    /// Every row the statement returns.
    func rows(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = []) async throws -> [Row] {
        var rows: [Row] = []
        for try await row in try await connection.query(Self.query(sql, arguments), logger: logger) {
            var values: [String: (any DatabaseValueConvertible)?] = [:]
            for cell in row { values[cell.columnName] = try Self.databaseValue(of: cell) }
            rows.append(Row(values))
        }
        return rows
    }

    /// The first row the statement returns, if any.
    func row(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = []) async throws -> Row? {
        try await rows(sql, arguments).first
    }

    /// Runs a statement for its effect.
    func execute(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?] = []) async throws {
        _ = try await rows(sql, arguments)
    }

    /// Runs a script of several statements (a migration), one statement at a time.
    func executeScript(_ sql: String) async throws {
        for statement in SQLScript.statements(sql) { try await execute(statement) }
    }

    static func query(_ sql: String, _ arguments: [(any DatabaseValueConvertible)?]) -> PostgresQuery {
        var bindings = PostgresBindings(capacity: arguments.count)
        for argument in arguments {
            switch (argument?.databaseValue ?? .null).storage {
            case .null: bindings.appendNull()
            case .int64(let value): bindings.append(UntypedText(String(value)))
            case .double(let value): bindings.append(UntypedText("\(value)"))
            case .string(let value): bindings.append(UntypedText(value))
            case .blob(let value): bindings.append(ByteBuffer(bytes: value))
            }
        }
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static func databaseValue(of cell: PostgresCell) throws -> DatabaseValue {
        guard cell.bytes != nil else { return .null }
        switch cell.dataType {
        case .bool: return try cell.decode(Bool.self).databaseValue
        case .int2: return Int64(try cell.decode(Int16.self)).databaseValue
        case .int4: return Int64(try cell.decode(Int32.self)).databaseValue
        case .int8: return try cell.decode(Int64.self).databaseValue
        case .float4: return Double(try cell.decode(Float.self)).databaseValue
        case .float8: return try cell.decode(Double.self).databaseValue
        case .bytea:
            var buffer = try cell.decode(ByteBuffer.self)
            return Data(buffer.readBytes(length: buffer.readableBytes) ?? []).databaseValue
        default: return try cell.decode(String.self).databaseValue
        }
    }
}

/// A parameter in text form whose type the server infers from the statement.
struct UntypedText: PostgresDynamicTypeEncodable {
    var text: String

    init(_ text: String) { self.text = text }

    var psqlType: PostgresDataType { PostgresDataType(0) }
    var psqlFormat: PostgresFormat { .text }

    func encode<JSONEncoder: PostgresJSONEncoder>(
        into byteBuffer: inout ByteBuffer, context: PostgresEncodingContext<JSONEncoder>
    ) {
        byteBuffer.writeString(text)
    }
}

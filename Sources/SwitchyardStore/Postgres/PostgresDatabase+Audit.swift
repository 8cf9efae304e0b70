import Foundation
import GRDB

extension PostgresDatabase: AuditStore {
    public func auditEvents(_ filter: AuditFilter, after cursor: String? = nil, limit: Int = 100) async throws -> Page<AuditEvent> {
        let limit = Cursor.clamp(limit)
        var conditions: [String] = []
        var arguments: [(any DatabaseValueConvertible)?] = []
        func condition(_ column: String, _ comparison: String, _ value: any DatabaseValueConvertible) {
            arguments.append(value)
            conditions.append("\(column) \(comparison) $\(arguments.count)")
        }
        if let cursor {
            guard let seq = Int64(try Cursor.decode(cursor)) else {
                throw StoreError.invalid([.init(field: "cursor", message: "is not a cursor this service issued")])
            }
            condition("seq", ">", seq)
        }
        if let kind = filter.kind { condition("kind", "=", kind.rawValue) }
        if let name = filter.name { condition("name", "=", name) }
        if let actor = filter.actor { condition("actor", "=", actor) }
        if let since = filter.since { condition("at", ">=", Timestamp.text(since)) }
        if let until = filter.until { condition("at", "<", Timestamp.text(until)) }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT * FROM audit_events \(whereClause) ORDER BY seq LIMIT \(limit + 1)"
        let finalArguments = arguments
        return try await read { session in
            let events = try await session.rows(sql, finalArguments).map(AuditLog.event(from:))
            let page = Array(events.prefix(limit))
            let next = events.count > limit ? page.last.map { Cursor.encode(String($0.seq)) } : nil
            return Page(items: page, nextCursor: next)
        }
    }

    public func record(_ entry: AuditEntry) async throws -> AuditEvent {
        let time = now()
        return try await write { session in try await PostgresAuditLog.append(entry, at: time, on: session) }
    }

    public func auditHeadSeq() async throws -> Int64? {
        try await read { session in
            let seq: Int64? = try await session.row("SELECT seq FROM audit_head WHERE id = 1")?["seq"]
            return seq == 0 ? nil : seq
        }
    }
}

import Foundation
import GRDB

extension AppDatabase {
    /// Audit events matching `filter`, oldest first.
    public func auditEvents(_ filter: AuditFilter, after cursor: String? = nil, limit: Int = 100) async throws
        -> Page<AuditEvent>
    {
        let limit = Cursor.clamp(limit)
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let cursor {
            guard let seq = Int64(try Cursor.decode(cursor)) else {
                throw StoreError.invalid([.init(field: "cursor", message: "is not a cursor this service issued")])
            }
            conditions.append("seq > ?")
            arguments += [seq]
        }
        if let kind = filter.kind { conditions.append("kind = ?"); arguments += [kind.rawValue] }
        if let name = filter.name { conditions.append("name = ?"); arguments += [name] }
        if let actor = filter.actor { conditions.append("actor = ?"); arguments += [actor] }
        if let since = filter.since { conditions.append("at >= ?"); arguments += [Timestamp.text(since)] }
        if let until = filter.until { conditions.append("at < ?"); arguments += [Timestamp.text(until)] }
        let whereClause = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT * FROM audit_events \(whereClause) ORDER BY seq LIMIT \(limit + 1)"
        let finalArguments = arguments
        return try await read { db in
            let events = try Row.fetchAll(db, sql: sql, arguments: finalArguments).map(AuditLog.event(from:))
            let page = Array(events.prefix(limit))
            let next = events.count > limit ? page.last.map { Cursor.encode(String($0.seq)) } : nil
            return Page(items: page, nextCursor: next)
        }
    }

    /// Appends an event for an operation performed outside the store, stamped with the store's clock.
    public func record(_ entry: AuditEntry) async throws -> AuditEvent {
        try await write { db in try AuditLog.append(entry, at: self.now(), in: db) }
    }
}

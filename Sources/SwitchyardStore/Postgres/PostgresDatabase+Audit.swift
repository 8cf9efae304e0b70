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

    public func verifyAuditChain(full: Bool = false) async throws -> AuditVerification {
        let verdict = try await read { session in
            let head = try await session.row("SELECT seq, hash FROM audit_head WHERE id = 1")
                .map { (seq: $0["seq"] as Int64, hash: $0["hash"] as String) }
            var checkpoint: AuditChainWalk.Checkpoint?
            if !full, let row = try await session.row("SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1") {
                let seq: Int64 = row["seq"]
                checkpoint = AuditChainWalk.Checkpoint(
                    seq: seq, hash: row["hash"],
                    event: try await session.row("SELECT * FROM audit_events WHERE seq = $1", [seq]))
            }
            var rows = try await session.rows(
                "SELECT * FROM audit_events WHERE seq > $1 ORDER BY seq", [checkpoint?.seq ?? 0]
            ).makeIterator()
            // The head as the walk reads it: a seq of 0 is the genesis row, no event yet.
            return try AuditChainWalk.verify(head: head.flatMap { $0.seq == 0 ? nil : $0 }, checkpoint: checkpoint) {
                rows.next()
            }
        }
        if verdict.valid, let head = verdict.headSeq, head > verdict.fromSeq {
            let time = now()
            try await write { session in
                try await session.execute(
                    """
                    INSERT INTO audit_checkpoints (seq, hash, verified_at)
                    SELECT seq, hash, $1 FROM audit_head WHERE id = 1 AND seq = $2
                    ON CONFLICT (seq) DO NOTHING
                    """,
                    [time.text, head])
            }
        }
        return verdict
    }
}

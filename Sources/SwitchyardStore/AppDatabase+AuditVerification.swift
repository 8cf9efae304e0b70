import Foundation
import GRDB

extension AppDatabase {
    /// Verifies the audit chain: every event after the last verified checkpoint (after the first event when
    /// `full`, or when there is no checkpoint yet) must match its hash and link to the one before it, and the
    /// newest must be the head recorded apart from the events, so deleting the newest events is caught too.
    /// A valid pass records the head as the next checkpoint, so the cost of a pass follows what was appended
    /// since the last one, not the whole history.
    public func verifyAuditChain(full: Bool = false) async throws -> AuditVerification {
        let verdict = try await read { db in try Self.walkAuditChain(in: db, full: full) }
        if verdict.valid, let head = verdict.headSeq, head > verdict.fromSeq {
            try await write { db in
                let time = self.now()
                try db.execute(
                    sql: """
                        INSERT INTO audit_checkpoints (seq, hash, verified_at)
                        SELECT seq, hash, ? FROM audit_head WHERE id = 1 AND seq = ?
                        ON CONFLICT (seq) DO NOTHING
                        """,
                    arguments: [time.text, head])
            }
        }
        return verdict
    }

    /// The sequence number of the newest audit event as the head records it; nil while there are none. Exposed on
    /// `/metrics`, so a monitor outside the database notices the head moving backwards.
    public func auditHeadSeq() async throws -> Int64? {
        try await read { db in try Int64.fetchOne(db, sql: "SELECT seq FROM audit_head WHERE id = 1") }
    }

    private static func walkAuditChain(in db: Database, full: Bool) throws -> AuditVerification {
        let head = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_head WHERE id = 1")
            .map { (seq: $0["seq"] as Int64, hash: $0["hash"] as String) }
        var checkpoint: AuditChainWalk.Checkpoint?
        if !full, let row = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1") {
            let seq: Int64 = row["seq"]
            checkpoint = AuditChainWalk.Checkpoint(
                seq: seq, hash: row["hash"],
                event: try Row.fetchOne(db, sql: "SELECT * FROM audit_events WHERE seq = ?", arguments: [seq]))
        }
        let rows = try Row.fetchCursor(
            db, sql: "SELECT * FROM audit_events WHERE seq > ? ORDER BY seq", arguments: [checkpoint?.seq ?? 0])
        return try AuditChainWalk.verify(head: head, checkpoint: checkpoint, next: rows.next)
    }
}

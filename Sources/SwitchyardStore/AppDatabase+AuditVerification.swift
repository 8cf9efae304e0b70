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
        var fromSeq: Int64 = 0
        var expectedPrevious = AuditLog.genesisHash
        func broken(_ seq: Int64, _ problem: String, checked: Int) -> AuditVerification {
            AuditVerification(
                valid: false, checked: checked, firstBrokenSeq: seq, problem: problem, fromSeq: fromSeq, headSeq: head?.seq)
        }

        if !full, let checkpoint = try Row.fetchOne(db, sql: "SELECT seq, hash FROM audit_checkpoints ORDER BY seq DESC LIMIT 1") {
            let seq: Int64 = checkpoint["seq"]
            let hash: String = checkpoint["hash"]
            // The checkpoint's own event must still be there and still match, or everything after it is moot.
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM audit_events WHERE seq = ?", arguments: [seq]),
                  row["hash"] as String == hash,
                  try AuditLog.expectedHash(of: row, previousHash: row["prev_hash"]) == hash
            else {
                return broken(seq, "event \(seq), verified at an earlier checkpoint, is missing or altered", checked: 0)
            }
            fromSeq = seq
            expectedPrevious = hash
        }

        var checked = 0
        var last: (seq: Int64, hash: String)? = fromSeq > 0 ? (fromSeq, expectedPrevious) : nil
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM audit_events WHERE seq > ? ORDER BY seq", arguments: [fromSeq])
        while let row = try rows.next() {
            let seq: Int64 = row["seq"]
            let storedPrevious: String = row["prev_hash"]
            let storedHash: String = row["hash"]
            guard storedPrevious == expectedPrevious else {
                return broken(seq, "event \(seq) does not link to the event before it (missing or altered predecessor)", checked: checked)
            }
            guard try AuditLog.expectedHash(of: row, previousHash: storedPrevious) == storedHash else {
                return broken(seq, "event \(seq) does not match its hash (content altered)", checked: checked)
            }
            expectedPrevious = storedHash
            last = (seq, storedHash)
            checked += 1
        }

        switch (head, last) {
        case (nil, nil):
            break
        case (nil, let last?):
            return broken(last.seq, "the chain has events but no recorded head", checked: checked)
        case (let head?, nil):
            return broken(1, "the recorded head is event \(head.seq), but there are no events", checked: checked)
        case (let head?, let last?):
            if head.seq > last.seq {
                return broken(
                    last.seq + 1, "events \(last.seq + 1) through \(head.seq) are missing: the chain ends before its recorded head",
                    checked: checked)
            }
            if head.seq != last.seq || head.hash != last.hash {
                return broken(head.seq, "the newest event does not match the recorded head", checked: checked)
            }
        }
        return AuditVerification(valid: true, checked: checked, fromSeq: fromSeq, headSeq: head?.seq)
    }
}

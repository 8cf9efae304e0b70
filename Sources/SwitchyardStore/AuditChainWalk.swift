import GRDB

/// The audit chain's verification over rows of `audit_events`, whichever engine read them: from the last verified
/// checkpoint (or the first event) every event must match its hash and link to the one before it, and the newest must
/// be the head recorded apart from the events.
enum AuditChainWalk {
    /// The newest verified checkpoint and its event as stored now (nil: the event is gone).
    struct Checkpoint {
        var seq: Int64
        var hash: String
        var event: Row?
    }

    /// Walks the events after the checkpoint (after the start without one), as `next` returns them in order.
    static func verify(
        head: (seq: Int64, hash: String)?, checkpoint: Checkpoint?, next: () throws -> Row?
    ) throws -> AuditVerification {
        var fromSeq: Int64 = 0
        var expectedPrevious = AuditLog.genesisHash
        func broken(_ seq: Int64, _ problem: String, checked: Int) -> AuditVerification {
            AuditVerification(
                valid: false, checked: checked, firstBrokenSeq: seq, problem: problem, fromSeq: fromSeq, headSeq: head?.seq)
        }

        if let checkpoint {
            // The checkpoint's own event must still be there and still match, or everything after it is moot.
            guard let row = checkpoint.event, row["hash"] as String == checkpoint.hash,
                  try AuditLog.expectedHash(of: row, previousHash: row["prev_hash"]) == checkpoint.hash
            else {
                return broken(
                    checkpoint.seq, "event \(checkpoint.seq), verified at an earlier checkpoint, is missing or altered",
                    checked: 0)
            }
            fromSeq = checkpoint.seq
            expectedPrevious = checkpoint.hash
        }

        var checked = 0
        var last: (seq: Int64, hash: String)? = fromSeq > 0 ? (fromSeq, expectedPrevious) : nil
        while let row = try next() {
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

import Foundation
import GRDB

/// Appends to and reads the hash-chained audit history inside a caller's transaction.
enum AuditLog {
    static let genesisHash = String(repeating: "0", count: 64)

    /// The fields the hash covers, serialised canonically (sorted keys, nils omitted).
    private struct HashedFields: Encodable {
        var seq: Int64
        var at: String
        var actor: String
        var action: String
        var kind: String
        var name: String
        var before: String?
        var after: String?
        var requestID: String?
        var reason: String?
    }

    static func hash(previousHash: String, seq: Int64, at: String, draft: AuditDraft) throws -> String {
        let fields = HashedFields(
            seq: seq, at: at, actor: draft.actor, action: draft.action, kind: draft.kind, name: draft.name,
            before: draft.before, after: draft.after, requestID: draft.requestID, reason: draft.reason)
        return CanonicalJSON.sha256Hex(Data(previousHash.utf8) + (try CanonicalJSON.data(fields)))
    }

    /// Appends an event chained to the head, and moves the head to it. The link comes from the head, not from the
    /// newest event left in the table, so events deleted from the end break the chain for good.
    @discardableResult
    static func append(_ draft: AuditDraft, at time: (text: String, date: Date), in db: Database) throws -> AuditEvent {
        let previousHash = try String.fetchOne(db, sql: "SELECT hash FROM audit_head WHERE id = 1") ?? genesisHash
        // AUTOINCREMENT never reuses a number, so the next one is one past the highest ever issued.
        let lastIssued = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'") ?? 0
        let seq = lastIssued + 1
        let hash = try hash(previousHash: previousHash, seq: seq, at: time.text, draft: draft)
        try db.execute(
            sql: """
                INSERT INTO audit_events
                    (seq, at, actor, action, kind, name, before_json, after_json, request_id, reason, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                seq, time.text, draft.actor, draft.action, draft.kind, draft.name, draft.before, draft.after,
                draft.requestID, draft.reason, previousHash, hash,
            ])
        try db.execute(
            sql: """
                INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                """,
            arguments: [seq, hash])
        return AuditEvent(
            seq: seq, at: time.date, actor: draft.actor, action: draft.action, kind: draft.kind, name: draft.name,
            before: draft.before, after: draft.after, requestID: draft.requestID, reason: draft.reason,
            previousHash: previousHash, hash: hash)
    }

    /// Records a change to a fleet resource, serialising before and after canonically.
    @discardableResult
    static func appendChange<Value: Encodable>(
        action: String, kind: ResourceKind, name: String, before: Value?, after: Value?,
        context: ChangeContext, at time: (text: String, date: Date), in db: Database
    ) throws -> AuditEvent {
        let draft = AuditDraft(
            actor: context.actor, action: action, kind: kind.rawValue, name: name,
            before: try before.map { try CanonicalJSON.text($0) }, after: try after.map { try CanonicalJSON.text($0) },
            requestID: context.requestID, reason: context.reason)
        return try append(draft, at: time, in: db)
    }

    static func event(from row: Row) throws -> AuditEvent {
        AuditEvent(
            seq: row["seq"], at: try Timestamp.date(row["at"]), actor: row["actor"], action: row["action"],
            kind: row["kind"], name: row["name"], before: row["before_json"], after: row["after_json"],
            requestID: row["request_id"], reason: row["reason"], previousHash: row["prev_hash"], hash: row["hash"])
    }

    /// The stored `at` text of a row, which the hash covers (not the parsed Date).
    static func draft(from row: Row) -> (draft: AuditDraft, at: String) {
        (
            AuditDraft(
                actor: row["actor"], action: row["action"], kind: row["kind"], name: row["name"],
                before: row["before_json"], after: row["after_json"], requestID: row["request_id"],
                reason: row["reason"]),
            row["at"]
        )
    }
}

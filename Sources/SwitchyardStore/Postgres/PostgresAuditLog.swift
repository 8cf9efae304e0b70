import Foundation
import GRDB

/// Appends to the hash-chained audit history on PostgreSQL inside a caller's transaction.
///
/// The head row is locked for the rest of the transaction: appends by every replica queue on it, each takes the next
/// `seq` and links to the hash the one before committed, so the chain stays one line without gaps.
enum PostgresAuditLog {
    @discardableResult
    static func append(_ entry: AuditEntry, at time: (text: String, date: Date), on session: PostgresSession)
        async throws -> AuditEvent
    {
        guard let head = try await session.row("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE") else {
            throw StoredDataError.malformed(column: "audit_head", value: "missing")
        }
        let previousHash: String = head["hash"]
        let seq = (head["seq"] as Int64) + 1
        let hash = try AuditLog.hash(previousHash: previousHash, seq: seq, at: time.text, entry: entry)
        try await session.execute(
            """
            INSERT INTO audit_events
                (seq, at, actor, action, kind, name, before_json, after_json, request_id, reason, prev_hash, hash)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
            """,
            [
                seq, time.text, entry.actor, entry.action.rawValue, entry.kind.rawValue, entry.name, entry.before,
                entry.after, entry.requestID, entry.reason, previousHash, hash,
            ])
        try await session.execute("UPDATE audit_head SET seq = $1, hash = $2 WHERE id = 1", [seq, hash])
        return AuditEvent(seq: seq, at: time.date, entry: entry, previousHash: previousHash, hash: hash)
    }

    /// Records a change to a fleet resource, serialising before and after canonically.
    @discardableResult
    static func appendChange<Value: Encodable>(
        action: AuditAction, kind: ResourceKind, name: String, before: Value?, after: Value?,
        context: ChangeContext, at time: (text: String, date: Date), on session: PostgresSession
    ) async throws -> AuditEvent {
        let entry = try AuditEntry(
            actor: context.actor, action: action, kind: AuditKind(kind), name: name, before: before, after: after,
            requestID: context.requestID, reason: context.reason)
        return try await append(entry, at: time, on: session)
    }
}

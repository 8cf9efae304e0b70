import Foundation
import GRDB

/// Appends to and reads the hash-chained audit history inside a caller's transaction.
enum AuditLog {
    static let genesisHash = String(repeating: "0", count: 64)

    /// What the hash covers: the entry's fields with the event's `seq` and `at`, as one canonical JSON object.
    private struct ChainedEntry: Encodable {
        var seq: Int64
        var at: String
        var entry: AuditEntry

        private enum Keys: String, CodingKey { case seq, at }

        func encode(to encoder: any Encoder) throws {
            try entry.encode(to: encoder)
            var container = encoder.container(keyedBy: Keys.self)
            try container.encode(seq, forKey: .seq)
            try container.encode(at, forKey: .at)
        }
    }

    static func hash(previousHash: String, seq: Int64, at: String, entry: AuditEntry) throws -> String {
        let chained = try CanonicalJSON.data(ChainedEntry(seq: seq, at: at, entry: entry))
        return CanonicalJSON.sha256Hex(Data(previousHash.utf8) + chained)
    }

    /// Appends an event chained to the head, and moves the head to it. The link comes from the head, not from the
    /// newest event left in the table, so events deleted from the end break the chain for good.
    @discardableResult
    static func append(_ entry: AuditEntry, at time: (text: String, date: Date), in db: Database) throws -> AuditEvent {
        let previousHash = try String.fetchOne(db, sql: "SELECT hash FROM audit_head WHERE id = 1") ?? genesisHash
        // AUTOINCREMENT never reuses a number, so the next one is one past the highest ever issued.
        let lastIssued = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'audit_events'") ?? 0
        let seq = lastIssued + 1
        let hash = try hash(previousHash: previousHash, seq: seq, at: time.text, entry: entry)
        try db.execute(
            sql: """
                INSERT INTO audit_events
                    (seq, at, actor, action, kind, name, before_json, after_json, request_id, reason, prev_hash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                seq, time.text, entry.actor, entry.action.rawValue, entry.kind.rawValue, entry.name, entry.before,
                entry.after, entry.requestID, entry.reason, previousHash, hash,
            ])
        try db.execute(
            sql: """
                INSERT INTO audit_head (id, seq, hash) VALUES (1, ?, ?)
                ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, hash = excluded.hash
                """,
            arguments: [seq, hash])
        return AuditEvent(seq: seq, at: time.date, entry: entry, previousHash: previousHash, hash: hash)
    }

    /// Records a change to a fleet resource, serialising before and after canonically.
    @discardableResult
    static func appendChange<Value: Encodable>(
        action: AuditAction, kind: ResourceKind, name: String, before: Value?, after: Value?,
        context: ChangeContext, at time: (text: String, date: Date), in db: Database
    ) throws -> AuditEvent {
        let entry = try AuditEntry(
            actor: context.actor, action: action, kind: AuditKind(kind), name: name, before: before, after: after,
            requestID: context.requestID, reason: context.reason)
        return try append(entry, at: time, in: db)
    }

    static func event(from row: Row) throws -> AuditEvent {
        AuditEvent(
            seq: row["seq"], at: try Timestamp.date(row["at"]), entry: try entry(from: row), previousHash: row["prev_hash"],
            hash: row["hash"])
    }

    /// The entry of a stored row; an action or kind this version does not know is a store that cannot be read.
    static func entry(from row: Row) throws -> AuditEntry {
        let seq: Int64 = row["seq"]
        let actionText: String = row["action"], kindText: String = row["kind"]
        guard let action = AuditAction(rawValue: actionText) else {
            throw UnreadableAuditEvent(seq: seq, problem: "unknown action '\(actionText)'")
        }
        guard let kind = AuditKind(rawValue: kindText) else {
            throw UnreadableAuditEvent(seq: seq, problem: "unknown kind '\(kindText)'")
        }
        return AuditEntry(
            actor: row["actor"], action: action, kind: kind, name: row["name"], beforeText: row["before_json"],
            afterText: row["after_json"], requestID: row["request_id"], reason: row["reason"])
    }

    /// The hash a stored row should carry given its `prev_hash`; nil where the row cannot even be read (an action or
    /// kind altered to something no version writes), which verification reports as altered content.
    static func expectedHash(of row: Row, previousHash: String) throws -> String? {
        guard let entry = try? entry(from: row) else { return nil }
        return try hash(previousHash: previousHash, seq: row["seq"], at: row["at"], entry: entry)
    }
}

/// A stored audit event this version cannot read.
struct UnreadableAuditEvent: Error, CustomStringConvertible {
    var seq: Int64
    var problem: String

    var description: String { "audit event \(seq) cannot be read: \(problem)" }
}

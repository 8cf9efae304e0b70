import Foundation

/// One entry of the append-only audit history: what was recorded, where it stands in the chain and its hash.
/// The recorded fields are read through it (`event.action`, `event.before`).
@dynamicMemberLookup
public struct AuditEvent: Sendable, Equatable {
    /// Position in the history, strictly increasing.
    public var seq: Int64
    public var at: Date
    public var entry: AuditEntry
    /// The previous event's hash; 64 zeros for the first event.
    public var previousHash: String
    /// SHA-256 (hex) over `previousHash` and the canonical serialisation of `seq`, `at` and `entry`.
    public var hash: String

    public init(seq: Int64, at: Date, entry: AuditEntry, previousHash: String, hash: String) {
        self.seq = seq
        self.at = at
        self.entry = entry
        self.previousHash = previousHash
        self.hash = hash
    }

    public subscript<Value>(dynamicMember field: KeyPath<AuditEntry, Value>) -> Value {
        entry[keyPath: field]
    }
}

/// Narrows an audit listing; every field left nil matches everything. `since` is inclusive, `until` exclusive.
public struct AuditFilter: Sendable {
    public var kind: AuditKind?
    public var name: String?
    public var actor: String?
    public var since: Date?
    public var until: Date?

    public init(kind: AuditKind? = nil, name: String? = nil, actor: String? = nil, since: Date? = nil, until: Date? = nil) {
        self.kind = kind
        self.name = name
        self.actor = actor
        self.since = since
        self.until = until
    }
}

/// What an audit event records, declared once: the store writes these fields, the hash chain covers them (with the
/// event's `seq` and `at`) in their canonical serialisation, and the API shows them.
public struct AuditEntry: Codable, Sendable, Equatable {
    public var actor: String
    public var action: AuditAction
    public var kind: AuditKind
    public var name: String
    /// The subject before the change, as canonical JSON text; nil for creations.
    public var before: String?
    /// The subject after the change, as canonical JSON text; nil for deletions.
    public var after: String?
    public var requestID: String?
    public var reason: String?

    /// An entry whose `before` and `after` are serialised canonically (sorted keys, RFC 3339 times with milliseconds),
    /// the one encoding of the whole history.
    public init(
        actor: String, action: AuditAction, kind: AuditKind, name: String, before: (any Encodable)? = nil,
        after: (any Encodable)? = nil, requestID: String? = nil, reason: String? = nil
    ) throws {
        self.init(
            actor: actor, action: action, kind: kind, name: name,
            beforeText: try before.map { try CanonicalJSON.text($0) }, afterText: try after.map { try CanonicalJSON.text($0) },
            requestID: requestID, reason: reason)
    }

    /// An entry as stored.
    init(
        actor: String, action: AuditAction, kind: AuditKind, name: String, beforeText: String?, afterText: String?,
        requestID: String?, reason: String?
    ) {
        self.actor = actor
        self.action = action
        self.kind = kind
        self.name = name
        self.before = beforeText
        self.after = afterText
        self.requestID = requestID
        self.reason = reason
    }
}

/// The result of walking the hash chain.
public struct AuditVerification: Codable, Sendable, Equatable {
    public var valid: Bool
    /// Events whose links were checked and found intact in this pass.
    public var checked: Int
    public var firstBrokenSeq: Int64?
    public var problem: String?
    /// The sequence number of the checkpoint this pass started after (0: the first event).
    public var fromSeq: Int64
    /// The head of the chain as recorded apart from the events; nil while there are none.
    public var headSeq: Int64?

    public init(
        valid: Bool, checked: Int, firstBrokenSeq: Int64? = nil, problem: String? = nil, fromSeq: Int64 = 0,
        headSeq: Int64? = nil
    ) {
        self.valid = valid
        self.checked = checked
        self.firstBrokenSeq = firstBrokenSeq
        self.problem = problem
        self.fromSeq = fromSeq
        self.headSeq = headSeq
    }
}

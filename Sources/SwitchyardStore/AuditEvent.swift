import Foundation

/// One entry of the append-only audit history.
public struct AuditEvent: Codable, Sendable, Equatable {
    /// Position in the history, strictly increasing.
    public var seq: Int64
    public var at: Date
    public var actor: String
    /// e.g. `create`, `update`, `delete`, `import`, `revoke`.
    public var action: String
    /// A `ResourceKind` raw value, or another kind recorded by later features.
    public var kind: String
    public var name: String
    /// The entity before the change, as JSON text; nil for creations.
    public var before: String?
    /// The entity after the change, as JSON text; nil for deletions.
    public var after: String?
    public var requestID: String?
    public var reason: String?
    /// The previous event's hash; 64 zeros for the first event.
    public var previousHash: String
    /// SHA-256 (hex) over `previousHash` and this event's canonical serialisation.
    public var hash: String

    public init(
        seq: Int64, at: Date, actor: String, action: String, kind: String, name: String, before: String?,
        after: String?, requestID: String?, reason: String?, previousHash: String, hash: String
    ) {
        self.seq = seq
        self.at = at
        self.actor = actor
        self.action = action
        self.kind = kind
        self.name = name
        self.before = before
        self.after = after
        self.requestID = requestID
        self.reason = reason
        self.previousHash = previousHash
        self.hash = hash
    }
}

/// Narrows an audit listing; every field left nil matches everything. `since` is inclusive, `until` exclusive.
public struct AuditFilter: Sendable {
    public var kind: String?
    public var name: String?
    public var actor: String?
    public var since: Date?
    public var until: Date?

    public init(kind: String? = nil, name: String? = nil, actor: String? = nil, since: Date? = nil, until: Date? = nil) {
        self.kind = kind
        self.name = name
        self.actor = actor
        self.since = since
        self.until = until
    }
}

/// An event to record for an operation the store does not perform itself (an apply, a failover).
public struct AuditDraft: Sendable {
    public var actor: String
    public var action: String
    public var kind: String
    public var name: String
    public var before: String?
    public var after: String?
    public var requestID: String?
    public var reason: String?

    public init(
        actor: String, action: String, kind: String, name: String, before: String? = nil, after: String? = nil,
        requestID: String? = nil, reason: String? = nil
    ) {
        self.actor = actor
        self.action = action
        self.kind = kind
        self.name = name
        self.before = before
        self.after = after
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

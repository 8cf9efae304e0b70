/// What was last pushed to each target, object by object, as both engines keep it: the baseline for diffs and
/// drift checks.
public protocol AppliedStateStore: Sendable {
    /// What was last applied to a target, optionally only a model's objects, ordered by key.
    func appliedObjects(target: String, model: String?) async throws -> [AppliedObject]
    /// Records a successful push: upserts what was sent, forgets what was removed, and appends the push's audit
    /// event, all in one transaction.
    @discardableResult
    func recordApplied(target: String, upserts: [AppliedObjectDraft], removals: [String], audit draft: AuditEntry)
        async throws -> AuditEvent
}

extension AppliedStateStore {
    public func appliedObjects(target: String) async throws -> [AppliedObject] {
        try await appliedObjects(target: target, model: nil)
    }

    @discardableResult
    public func recordApplied(target: String, upserts: [AppliedObjectDraft], audit draft: AuditEntry) async throws
        -> AuditEvent
    {
        try await recordApplied(target: target, upserts: upserts, removals: [], audit: draft)
    }
}

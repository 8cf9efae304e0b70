/// The hash-chained, append-only audit history, as both engines keep it.
public protocol AuditStore: Sendable {
    /// Audit events matching `filter`, oldest first.
    func auditEvents(_ filter: AuditFilter, after cursor: String?, limit: Int) async throws -> Page<AuditEvent>
    /// Appends an event for an operation performed outside the store, stamped with the store's clock.
    func record(_ entry: AuditEntry) async throws -> AuditEvent
    /// The sequence number of the newest audit event as the head records it; nil while there are none.
    func auditHeadSeq() async throws -> Int64?
    /// Verifies the chain from the last verified checkpoint (from the first event when `full`) to the recorded head,
    /// and records the head as the next checkpoint when it holds.
    func verifyAuditChain(full: Bool) async throws -> AuditVerification
}

extension AuditStore {
    public func auditEvents(_ filter: AuditFilter, limit: Int = 100) async throws -> Page<AuditEvent> {
        try await auditEvents(filter, after: nil, limit: limit)
    }

    public func verifyAuditChain() async throws -> AuditVerification {
        try await verifyAuditChain(full: false)
    }
}

/// What the API and the loops read and write, on either engine.
package typealias FleetStore = ResourceStore & TokenStore & AuditStore

import Foundation
import GRDB
import SwitchyardCore

extension AppDatabase {
    /// The resource of `type` named `name`, from the committed fleet in memory; `notFound` when there is none.
    package func get<R: FleetResource>(_ type: R.Type, named name: String) async throws -> Stored<R> {
        try await committedFleet().get(type, named: name)
    }

    /// Resources of `type` in name order, `limit` (clamped to 1...1000) at a time, from the committed fleet in memory.
    /// Units honour `filter`.
    package func list<R: FleetResource>(
        _ type: R.Type, filter: ResourceFilter = .init(), after cursor: String? = nil, limit: Int = 100
    ) async throws -> Page<Stored<R>> {
        try await committedFleet().list(type, filter: filter, after: cursor, limit: limit)
    }

    /// A listing as the database answers it, bypassing the committed fleet: what the committed fleet's listings are
    /// held to in tests.
    func listFromDatabase<R: FleetResource>(
        _ type: R.Type, filter: ResourceFilter, after cursor: String?, limit: Int
    ) async throws -> Page<Stored<R>> {
        let key = try cursor.map(Cursor.decode)
        let limit = Cursor.clamp(limit)
        return try await read { db in
            let page = try R.fetchPage(filter: filter, after: key, limit: limit, in: db)
            let next = page.hasMore ? page.items.last.map { Cursor.encode($0.value.name) } : nil
            return Page(items: page.items, nextCursor: next)
        }
    }

    /// Creates or replaces a resource. With `ifMatch`, the current entity tag must equal it (`*`: must
    /// exist). Content equal to what is stored is `.unchanged` and records no audit event.
    package func put<R: FleetResource>(_ value: R, ifMatch: String? = nil, context: ChangeContext) async throws
        -> PutResult<R>
    {
        try await write { db in
            try Self.putValue(value, ifMatch: ifMatch, context: context, at: self.now(), in: db)
        }
    }

    /// Deletes a resource; `referenced` while others still refer to it.
    package func delete<R: FleetResource>(
        _ type: R.Type, named name: String, ifMatch: String? = nil, context: ChangeContext
    ) async throws {
        try await write { db in
            try Self.deleteValue(R.self, named: name, ifMatch: ifMatch, context: context, at: self.now(), in: db)
        }
    }

    /// The whole put inside the caller's transaction: precondition, rules, references, write, audit.
    static func putValue<T: FleetResource>(
        _ value: T, ifMatch: String?, context: ChangeContext, at time: (text: String, date: Date), in db: Database
    ) throws -> PutResult<T> {
        let existingRecord = try T.fetchRecord(named: value.name, in: db)
        let existing = try existingRecord.map { try T.stored(from: $0, in: db) }
        try checkPrecondition(ifMatch, currentETag: existing?.etag, kind: T.kind, name: value.name)
        let violations = value.fieldViolations
        guard violations.isEmpty else { throw StoreError.invalid(violations) }
        let unresolved = try value.unresolvedReferences(in: db) + value.conflicts(in: db)
        guard unresolved.isEmpty else { throw StoreError.invalid(unresolved) }
        if let existing, existing.value == value {
            return PutResult(stored: existing, outcome: .unchanged)
        }
        try value.write(at: time.text, replacing: existingRecord, in: db)
        try AuditLog.appendChange(
            action: existing == nil ? .create : .update, kind: T.kind, name: value.name, before: existing?.value,
            after: value, context: context, at: time, in: db)
        let stored = Stored(
            value: value, etag: try CanonicalJSON.etag(value), createdAt: existing?.createdAt ?? time.date,
            updatedAt: time.date)
        return PutResult(stored: stored, outcome: existing == nil ? .created : .updated)
    }

    static func deleteValue<T: FleetResource>(
        _ table: T.Type, named name: String, ifMatch: String?, context: ChangeContext,
        at time: (text: String, date: Date), in db: Database
    ) throws {
        guard let existing = try T.fetchStored(named: name, in: db) else {
            throw StoreError.notFound(kind: T.kind, name: name)
        }
        try checkPrecondition(ifMatch, currentETag: existing.etag, kind: T.kind, name: name)
        let referrers = try T.referrers(of: name, in: db)
        guard referrers.isEmpty else { throw StoreError.referenced(kind: T.kind, name: name, by: referrers) }
        try T.deleteRow(named: name, in: db)
        try AuditLog.appendChange(
            action: .delete, kind: T.kind, name: name, before: existing.value, after: T?.none, context: context,
            at: time, in: db)
    }

    /// If-Match semantics with strong comparison: `*` matches any existing entity; a list matches if any tag does.
    static func checkPrecondition(_ ifMatch: String?, currentETag: String?, kind: ResourceKind, name: String) throws {
        guard let ifMatch else { return }
        let tags = ifMatch.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let matches: Bool
        if let currentETag {
            matches = tags.contains("*") || tags.contains(currentETag)
        } else {
            matches = false
        }
        guard matches else { throw StoreError.preconditionFailed(kind: kind, name: name, currentETag: currentETag) }
    }
}

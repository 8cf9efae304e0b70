import Foundation
import GRDB
import SwitchyardCore

extension AppDatabase {
    /// The resource of `type` named `name`; `notFound` when there is none.
    public func get<R: FleetResource>(_ type: R.Type, named name: String) async throws -> Stored<R> {
        try await read { db in
            guard let stored = try Self.fetchStored(Self.table(R.self), as: R.self, named: name, in: db) else {
                throw StoreError.notFound(kind: R.kind, name: name)
            }
            return stored
        }
    }

    /// Resources of `type` in name order, `limit` (clamped to 1...1000) at a time. Units honour `filter`.
    public func list<R: FleetResource>(
        _ type: R.Type, filter: ResourceFilter = .init(), after cursor: String? = nil, limit: Int = 100
    ) async throws -> Page<Stored<R>> {
        let key = try cursor.map(Cursor.decode)
        let limit = Cursor.clamp(limit)
        return try await read { db in
            try Self.fetchPage(Self.table(R.self), as: R.self, filter: filter, after: key, limit: limit, in: db)
        }
    }

    /// Creates or replaces a resource. With `ifMatch`, the current entity tag must equal it (`*`: must
    /// exist). Content equal to what is stored is `.unchanged` and records no audit event.
    public func put<R: FleetResource>(_ value: R, ifMatch: String? = nil, context: ChangeContext) async throws
        -> PutResult<R>
    {
        guard let row = value as? any ResourceTable else { preconditionFailure("\(R.self) has no table") }
        return try await write { db in
            try Self.putValue(row, as: R.self, ifMatch: ifMatch, context: context, at: self.now(), in: db)
        }
    }

    /// Deletes a resource; `referenced` while others still refer to it.
    public func delete<R: FleetResource>(
        _ type: R.Type, named name: String, ifMatch: String? = nil, context: ChangeContext
    ) async throws {
        try await write { db in
            try Self.deleteValue(Self.table(R.self), named: name, ifMatch: ifMatch, context: context, at: self.now(), in: db)
        }
    }

    static func table<R: FleetResource>(_ type: R.Type) -> any ResourceTable.Type {
        guard let table = type as? any ResourceTable.Type else { preconditionFailure("\(type) has no table") }
        return table
    }

    static func fetchStored<T: ResourceTable, R>(_ table: T.Type, as: R.Type, named name: String, in db: Database)
        throws -> Stored<R>?
    {
        try T.fetchStored(named: name, in: db)?.cast(to: R.self)
    }

    static func fetchPage<T: ResourceTable, R>(
        _ table: T.Type, as: R.Type, filter: ResourceFilter, after key: String?, limit: Int, in db: Database
    ) throws -> Page<Stored<R>> {
        let page = try T.fetchPage(filter: filter, after: key, limit: limit, in: db)
        let next = page.hasMore ? page.items.last.map { Cursor.encode($0.value.name) } : nil
        return Page(items: page.items.map { $0.cast(to: R.self) }, nextCursor: next)
    }

    static func putValue<T: ResourceTable, R>(
        _ value: T, as: R.Type, ifMatch: String?, context: ChangeContext, at time: (text: String, date: Date),
        in db: Database
    ) throws -> PutResult<R> {
        let result = try putValue(value, ifMatch: ifMatch, context: context, at: time, in: db)
        return PutResult(stored: result.stored.cast(to: R.self), outcome: result.outcome)
    }

    /// The whole put inside the caller's transaction: precondition, rules, references, write, audit.
    static func putValue<T: ResourceTable>(
        _ value: T, ifMatch: String?, context: ChangeContext, at time: (text: String, date: Date), in db: Database
    ) throws -> PutResult<T> {
        let existing = try T.fetchStored(named: value.name, in: db)
        try checkPrecondition(ifMatch, currentETag: existing?.etag, kind: T.kind, name: value.name)
        let violations = value.fieldViolations
        guard violations.isEmpty else { throw StoreError.invalid(violations) }
        let unresolved = try value.unresolvedReferences(in: db) + value.conflicts(in: db)
        guard unresolved.isEmpty else { throw StoreError.invalid(unresolved) }
        if let existing, existing.value == value {
            return PutResult(stored: existing, outcome: .unchanged)
        }
        try value.upsert(at: time.text, in: db)
        try AuditLog.appendChange(
            action: existing == nil ? "create" : "update", kind: T.kind, name: value.name, before: existing?.value,
            after: value, context: context, at: time, in: db)
        let stored = Stored(
            value: value, etag: try CanonicalJSON.etag(value), createdAt: existing?.createdAt ?? time.date,
            updatedAt: time.date)
        return PutResult(stored: stored, outcome: existing == nil ? .created : .updated)
    }

    static func deleteValue<T: ResourceTable>(
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
            action: "delete", kind: T.kind, name: name, before: existing.value, after: T?.none, context: context,
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

extension Stored {
    func cast<Other>(to type: Other.Type) -> Stored<Other> {
        // Only called where Other is Value's own type, reached through an opened existential.
        Stored<Other>(value: value as! Other, etag: etag, createdAt: createdAt, updatedAt: updatedAt)
    }
}

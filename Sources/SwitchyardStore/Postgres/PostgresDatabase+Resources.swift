import Foundation
import GRDB
import SwitchyardCore

extension PostgresDatabase: ResourceStore {
    /// From the committed fleet in memory: what this replica committed at once, another replica's commits once
    /// their notification has arrived.
    package func get<R: FleetResource>(_ type: R.Type, named name: String) async throws -> Stored<R> {
        try await committedFleet().get(type, named: name)
    }

    package func list<R: FleetResource>(_ type: R.Type, filter: ResourceFilter = .init(), after cursor: String? = nil, limit: Int = 100)
        async throws -> Page<Stored<R>>
    {
        try await committedFleet().list(type, filter: filter, after: cursor, limit: limit)
    }

    /// A listing as the database answers it, bypassing the committed fleet: what the committed fleet's listings are
    /// held to in tests.
    func listFromDatabase<R: FleetResource>(_ type: R.Type, filter: ResourceFilter, after cursor: String?, limit: Int)
        async throws -> Page<Stored<R>>
    {
        let key = try cursor.map(Cursor.decode)
        let limit = Cursor.clamp(limit)
        return try await read { session in
            let page = try await R.fetchPage(filter: filter, after: key, limit: limit, on: session)
            let next = page.hasMore ? page.items.last.map { Cursor.encode($0.value.name) } : nil
            return Page(items: page.items, nextCursor: next)
        }
    }

    package func put<R: FleetResource>(_ value: R, ifMatch: String? = nil, context: ChangeContext) async throws
        -> PutResult<R>
    {
        let time = now()
        return try await write { session in
            try await Self.putValue(value, ifMatch: ifMatch, context: context, at: time, on: session)
        }
    }

    package func delete<R: FleetResource>(_ type: R.Type, named name: String, ifMatch: String? = nil, context: ChangeContext)
        async throws
    {
        let time = now()
        try await write { session in
            try await Self.lockName(R.self, name, on: session)
            guard let existing = try await R.fetchStored(named: name, on: session) else {
                throw StoreError.notFound(kind: R.kind, name: name)
            }
            try AppDatabase.checkPrecondition(ifMatch, currentETag: existing.etag, kind: R.kind, name: name)
            let referrers = try await R.referrers(of: name, on: session)
            guard referrers.isEmpty else { throw StoreError.referenced(kind: R.kind, name: name, by: referrers) }
            try await R.deleteRow(named: name, on: session)
            try await PostgresAuditLog.appendChange(
                action: .delete, kind: R.kind, name: name, before: existing.value, after: R?.none, context: context,
                at: time, on: session)
        }
    }

    /// The whole put inside the caller's transaction: precondition, rules, references, write, audit.
    static func putValue<T: FleetResource>(
        _ value: T, ifMatch: String?, context: ChangeContext, at time: (text: String, date: Date),
        on session: PostgresSession
    ) async throws -> PutResult<T> {
        try await lockName(T.self, value.name, on: session)
        let existingRecord = try await T.fetchRecord(named: value.name, on: session)
        var existing: Stored<T>?
        if let existingRecord { existing = try await T.stored(from: existingRecord, on: session) }
        try AppDatabase.checkPrecondition(ifMatch, currentETag: existing?.etag, kind: T.kind, name: value.name)
        let violations = value.fieldViolations
        guard violations.isEmpty else { throw StoreError.invalid(violations) }
        let unresolved = try await value.unresolvedReferences(on: session) + value.conflicts(on: session)
        guard unresolved.isEmpty else { throw StoreError.invalid(unresolved) }
        if let existing, existing.value == value {
            return PutResult(stored: existing, outcome: .unchanged)
        }
        try await value.write(at: time.text, replacing: existingRecord, on: session)
        try await PostgresAuditLog.appendChange(
            action: existing == nil ? .create : .update, kind: T.kind, name: value.name, before: existing?.value,
            after: value, context: context, at: time, on: session)
        let stored = Stored(
            value: value, etag: try CanonicalJSON.etag(value), createdAt: existing?.createdAt ?? time.date,
            updatedAt: time.date)
        return PutResult(stored: stored, outcome: existing == nil ? .created : .updated)
    }

    /// Serialises writers of one resource until the transaction ends, as SQLite's single writer does: a second
    /// creation of the same name waits and then updates, rather than failing on the primary key.
    private static func lockName<T: FleetResource>(_ type: T.Type, _ name: String, on session: PostgresSession)
        async throws
    {
        try await session.execute("SELECT pg_advisory_xact_lock(hashtext($1))", ["\(T.tableName)/\(name)"])
    }
}

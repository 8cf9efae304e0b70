import SwitchyardCore

/// Fleet resources with entity tags, as both engines keep them: ``AppDatabase`` (SQLite) and ``PostgresDatabase``.
package protocol ResourceStore: Sendable {
    /// The resource of `type` named `name`; `notFound` when there is none.
    func get<R: FleetResource>(_ type: R.Type, named name: String) async throws -> Stored<R>
    /// Resources of `type` in name order (byte order), `limit` (clamped to 1...1000) at a time. Units honour `filter`.
    func list<R: FleetResource>(_ type: R.Type, filter: ResourceFilter, after cursor: String?, limit: Int) async throws
        -> Page<Stored<R>>
    /// Creates or replaces a resource. With `ifMatch`, the current entity tag must equal it (`*`: must exist).
    /// Content equal to what is stored is `.unchanged` and records no audit event.
    func put<R: FleetResource>(_ value: R, ifMatch: String?, context: ChangeContext) async throws -> PutResult<R>
    /// Deletes a resource; `referenced` while others still refer to it.
    func delete<R: FleetResource>(_ type: R.Type, named name: String, ifMatch: String?, context: ChangeContext)
        async throws
}

extension ResourceStore {
    package func list<R: FleetResource>(_ type: R.Type, filter: ResourceFilter = .init(), limit: Int = 100)
        async throws -> Page<Stored<R>>
    {
        try await list(type, filter: filter, after: nil, limit: limit)
    }

    package func put<R: FleetResource>(_ value: R, context: ChangeContext) async throws -> PutResult<R> {
        try await put(value, ifMatch: nil, context: context)
    }

    package func delete<R: FleetResource>(_ type: R.Type, named name: String, context: ChangeContext) async throws {
        try await delete(type, named: name, ifMatch: nil, context: context)
    }
}

import Foundation
import GRDB
import Logging
import SwitchyardCore
import SwitchyardFakes
@testable import SwitchyardStore
import Testing

/// The two engines every conformance test runs on: SQLite in memory, and a fresh database on a real PostgreSQL
/// server that the test process starts once and that stops with it.
enum StoreEngine: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    /// A store with an empty, migrated schema of its own.
    func open(clock: @escaping @Sendable () -> Date = { Date() }) async throws -> OpenStore {
        switch self {
        case .sqlite:
            let database = try AppDatabase.inMemory(clock: clock)
            return OpenStore(
                store: database,
                execute: { sql in try await database.write { db in try db.execute(sql: sql) } },
                unitsFromDatabase: { filter, cursor, limit in
                    try await database.listFromDatabase(DeploymentUnit.self, filter: filter, after: cursor, limit: limit)
                },
                close: { try database.close() })
        case .postgres:
            let location = try await PostgresTestServer.shared.freshDatabase()
            let database = try await PostgresDatabase.open(location, maximumConnections: 4, clock: clock, logger: .quiet)
            return OpenStore(
                store: database,
                execute: { sql in try await database.write { session in try await session.execute(sql) } },
                unitsFromDatabase: { filter, cursor, limit in
                    try await database.listFromDatabase(DeploymentUnit.self, filter: filter, after: cursor, limit: limit)
                },
                close: { await database.close() })
        }
    }
}

/// A store under test, with a way around its operations to the raw SQL (as an intruder or a bug would write).
struct OpenStore: Sendable {
    let store: any ServiceStore
    /// Runs one statement in a transaction, errors mapped as the store maps them.
    let execute: @Sendable (String) async throws -> Void
    /// A page of units as the database lists them, past the committed fleet the store's listings serve.
    let unitsFromDatabase: @Sendable (ResourceFilter, String?, Int) async throws -> Page<Stored<DeploymentUnit>>
    let close: @Sendable () async throws -> Void
}

/// The PostgreSQL server of this test process, with a migrated template that each test's database is copied from.
actor PostgresTestServer {
    static let shared = PostgresTestServer()
    static let template = "switchyard_template"

    private var preparing: Task<PostgresServerProcess, any Error>?
    private var created = 0

    /// The server, started and its template migrated on first use.
    func process() async throws -> PostgresServerProcess {
        if let preparing { return try await preparing.value }
        let task = Task {
            let process = try PostgresServerProcess()
            try process.createDatabase(Self.template)
            let location = try PostgresLocation(url: process.url(database: Self.template))
            let database = try await PostgresDatabase.open(location, maximumConnections: 1, logger: .quiet)
            await database.close()
            return process
        }
        preparing = task
        return try await task.value
    }

    /// A new database holding the migrated schema and nothing else.
    func freshDatabase() async throws -> PostgresLocation {
        let process = try await process()
        let name = nextName("store")
        try process.createDatabase(name, template: Self.template)
        return try PostgresLocation(url: process.url(database: name))
    }

    /// A new, empty database (no schema), for tests of migration itself.
    func emptyDatabase() async throws -> PostgresLocation {
        let process = try await process()
        let name = nextName("empty")
        try process.createDatabase(name)
        return try PostgresLocation(url: process.url(database: name))
    }

    private func nextName(_ prefix: String) -> String {
        created += 1
        return "\(prefix)_\(created)"
    }
}

extension Logger {
    static let quiet = Logger(label: "switchyard.test") { _ in SwiftLogNoOpLogHandler() }
}

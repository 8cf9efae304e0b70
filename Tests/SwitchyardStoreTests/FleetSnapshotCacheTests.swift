import Foundation
import GRDB
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// The fleet is held in memory between commits; whatever commits a change to it, the next read sees the change.
@Suite("Fleet snapshot in memory")
struct FleetSnapshotCacheTests {
    @Test("a read after any committed change sees it: a put, a benchmark run, an import, raw SQL on the writer")
    func readsSeeEveryCommit() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(Fixtures.fleet, dryRun: false, context: Fixtures.context)
        let first = try await database.fleetSnapshot()
        #expect(try await database.fleetSnapshot() == first)

        var changed = Fixtures.model
        changed.expectedDemandRPS = 42
        _ = try await database.put(changed, context: Fixtures.context)
        #expect(try await database.fleetSnapshot().models.first { $0.name == "sd21" }?.expectedDemandRPS == 42)

        _ = try await database.appendBenchmarkRun(Fixtures.run(unit: Fixtures.inf2Unit.name, note: "again", topRPS: 50), context: Fixtures.context)
        #expect(try await database.fleetSnapshot().benchmarks.contains { $0.note == "again" })

        try await database.writer.write { db in try db.execute(sql: "DELETE FROM benchmark_samples") }
        #expect(try await database.fleetSnapshot().benchmarks.allSatisfy { $0.samples.isEmpty })

        var imported = Fixtures.fleet
        imported.models[0].expectedDemandRPS = 7
        _ = try await database.importFleet(imported, dryRun: false, context: Fixtures.context)
        #expect(try await database.fleetSnapshot().models.first { $0.name == "sd21" }?.expectedDemandRPS == 7)
    }

    @Test("reads between commits load once; a write that rolls back or touches no fleet table loads nothing again")
    func otherWritesKeepIt() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        let before = try await database.fleetSnapshot()
        let loads = database.fleetCache.loads
        _ = try await database.fleetSnapshot()
        _ = try await database.createToken(name: "viewer-1", role: .viewer, context: Fixtures.context)
        struct Abort: Error {}
        _ = try? await database.writer.write { db in
            try db.execute(sql: "DELETE FROM benchmark_samples")
            throw Abort()
        }
        #expect(try await database.fleetSnapshot() == before)
        #expect(database.fleetCache.loads == loads)
        _ = try await database.put(Fixtures.model, context: ChangeContext(actor: "bob", requestID: "r", reason: "same"))
        var changed = Fixtures.model
        changed.expectedDemandRPS = 1
        _ = try await database.put(changed, context: Fixtures.context)
        _ = try await database.fleetSnapshot()
        #expect(database.fleetCache.loads == loads + 1)
    }
}

/// Tokens are authenticated from memory until the tokens table changes.
@Suite("Token cache")
struct TokenCacheTests {
    @Test("a token authenticates from the cache; its revocation takes effect at the revoke's commit")
    func revocationIsImmediate() async throws {
        let database = try AppDatabase.inMemory()
        let created = try await database.createToken(name: "ops", role: .operator, context: Fixtures.context)
        _ = try await database.createToken(name: "keeper", role: .admin, context: Fixtures.context)
        #expect(try await database.authenticate(secret: created.secret)?.role == .operator)
        #expect(try await database.authenticate(secret: created.secret)?.name == "ops")
        #expect(try await database.authenticate(secret: "sy_unknown") == nil)
        try await database.revokeToken(named: "ops", context: Fixtures.context)
        #expect(try await database.authenticate(secret: created.secret) == nil)
    }
}

/// The cache itself, on a database of its own: values held until a commit touches their tables.
@Suite("Commit-invalidated cache")
struct CommitInvalidatedCacheTests {
    private func setUp(maximumAge: Duration? = nil) throws -> (DatabaseQueue, CommitInvalidatedCache<String, Int>) {
        let queue = try DatabaseQueue()
        try queue.write { db in
            try db.execute(sql: "CREATE TABLE watched (v INTEGER); CREATE TABLE other (v INTEGER)")
        }
        let cache = CommitInvalidatedCache<String, Int>(tables: ["watched"], maximumAge: maximumAge)
        queue.add(transactionObserver: cache, extent: .databaseLifetime)
        return (queue, cache)
    }

    @Test("a value is loaded once until a commit changes a watched table; other tables and rollbacks keep it")
    func heldUntilCommit() async throws {
        let (queue, cache) = try setUp()
        #expect(try await cache.value(for: "a") { 1 } == 1)
        #expect(try await cache.value(for: "a") { 2 } == 1)
        try await queue.write { db in try db.execute(sql: "INSERT INTO other VALUES (1)") }
        struct Abort: Error {}
        _ = try? await queue.write { db in
            try db.execute(sql: "INSERT INTO watched VALUES (1)")
            throw Abort()
        }
        #expect(try await cache.value(for: "a") { 3 } == 1)
        #expect(cache.loads == 1)
        try await queue.write { db in try db.execute(sql: "INSERT INTO watched VALUES (1)") }
        #expect(try await cache.value(for: "a") { 4 } == 4)
        #expect(cache.loads == 2)
    }

    @Test("a miss is not kept, and a value older than the maximum age is loaded again")
    func missesAndAge() async throws {
        let (_, cache) = try setUp(maximumAge: .zero)
        #expect(try await cache.value(for: "a") { nil } == nil)
        #expect(try await cache.value(for: "a") { 5 } == 5)
        #expect(try await cache.value(for: "a") { 6 } == 6)
        #expect(cache.loads == 3)
    }

    @Test("a fleet with more runs than are read one by one comes back with every run's samples, in order")
    func manyRunsKeepTheirSamples() async throws {
        let database = try AppDatabase.inMemory()
        var fleet = Fixtures.fleet
        for index in 0..<100 {
            var unit = Fixtures.inf2Unit
            unit.name = "sd21-inf2-\(index)"
            unit.kubernetes.deployment = unit.name
            unit.kubernetes.service = unit.name
            fleet.units.append(unit)
            fleet.benchmarks.append(Fixtures.run(unit: unit.name, note: "run \(index)", topRPS: Double(50 + index)))
        }
        _ = try await database.importFleet(fleet, dryRun: false, context: Fixtures.context)
        let runs = try await database.fleetSnapshot().benchmarks
        #expect(runs.count == fleet.benchmarks.count)
        for expected in fleet.benchmarks {
            let stored = runs.first { $0.unit == expected.unit && $0.note == expected.note }
            #expect(stored?.samples == expected.samples, "\(expected.unit)")
        }
    }
}

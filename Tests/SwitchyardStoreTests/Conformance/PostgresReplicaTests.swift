import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// Several replicas on one PostgreSQL database: what one commits, the others see, caches included.
@Suite("PostgreSQL: replicas sharing one database")
struct PostgresReplicaTests {
    let context = Fixtures.context

    @Test("replicas opening an empty database together migrate it once")
    func concurrentMigration() async throws {
        let location = try await PostgresTestServer.shared.emptyDatabase()
        let replicas = try await withThrowingTaskGroup(of: PostgresDatabase.self) { group in
            for _ in 0..<3 {
                group.addTask { try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet) }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let applied = try await replicas[0].appliedMigrations()
        #expect(applied == EmbeddedMigrations.postgres.map(\.identifier))
        #expect(applied.count >= 14)
        for replica in replicas { await replica.close() }
    }

    @Test("a write on one replica is read on another; a revocation there stops authentication here")
    func sharedStateAndCacheInvalidation() async throws {
        let location = try await PostgresTestServer.shared.freshDatabase()
        let first = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        let second = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        _ = try await first.put(Fixtures.model, context: context)
        #expect(try await second.get(ServedModel.self, named: "sd21").value == Fixtures.model)

        _ = try await first.createToken(name: "admin", role: .admin, context: context)
        let portal = try await first.createToken(name: "portal", role: .viewer, context: context)
        #expect(try await second.authenticate(secret: portal.secret)?.name == "portal")
        try await first.revokeToken(named: "portal", context: context)
        let deadline = ContinuousClock.now + .seconds(2)
        var stillAccepted = true
        while ContinuousClock.now < deadline {
            stillAccepted = try await second.authenticate(secret: portal.secret) != nil
            if !stillAccepted { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        #expect(!stillAccepted)
        await first.close()
        await second.close()
    }

    @Test("replicas appending at once form one gapless chain")
    func concurrentAppends() async throws {
        let location = try await PostgresTestServer.shared.freshDatabase()
        let replicas = [
            try await PostgresDatabase.open(location, maximumConnections: 3, logger: .quiet),
            try await PostgresDatabase.open(location, maximumConnections: 3, logger: .quiet),
        ]
        try await withThrowingTaskGroup(of: Void.self) { group in
            for index in 0..<40 {
                let replica = replicas[index % 2]
                group.addTask {
                    _ = try await replica.record(AuditEntry(
                        actor: "replica-\(index % 2)", action: .apply, kind: .push, name: "m\(index)", beforeText: nil,
                        afterText: nil, requestID: nil, reason: nil))
                }
            }
            try await group.waitForAll()
        }
        let events = try await replicas[0].auditEvents(AuditFilter(), after: nil, limit: 1000).items
        #expect(events.map(\.seq) == Array(1...40))
        #expect(Set(events.map(\.name)).count == 40)
        for (previous, next) in zip(events, events.dropFirst()) { #expect(next.previousHash == previous.hash) }
        for replica in replicas { await replica.close() }
    }

    @Test("two replicas creating the same resource at once: one creates, the other finds it unchanged")
    func concurrentCreate() async throws {
        let location = try await PostgresTestServer.shared.freshDatabase()
        let first = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        let second = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        async let one = first.put(Fixtures.model, context: context)
        async let two = second.put(Fixtures.model, context: context)
        let outcomes = [try await one.outcome, try await two.outcome].map(\.rawValue).sorted()
        #expect(outcomes == ["created", "unchanged"])
        await first.close()
        await second.close()
    }
}

/// Reads served from a replica's committed fleet follow another replica's writes once their notification arrives.
@Suite("PostgreSQL: committed fleet across replicas")
struct PostgresCommittedFleetReplicaTests {
    let context = Fixtures.context

    /// Asks `seen` until it holds, for up to two seconds; whether it did.
    static func eventually(_ seen: () async throws -> Bool) async throws -> Bool {
        let deadline = ContinuousClock.now + .seconds(2)
        while ContinuousClock.now < deadline {
            if try await seen() { return true }
            try await Task.sleep(for: .milliseconds(20))
        }
        return try await seen()
    }

    @Test("a write on replica A is read on replica B, from B's committed fleet, once the notification arrived")
    func writesReachOtherReplicas() async throws {
        let location = try await PostgresTestServer.shared.freshDatabase()
        let first = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        let second = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        _ = try await first.importFleet(Fixtures.fleet, dryRun: false, context: context)
        // B holds the fleet in memory before A writes again.
        #expect(try await second.get(ServedModel.self, named: "sd21").value == Fixtures.model)
        #expect(try await second.list(DeploymentUnit.self).items.count == 2)

        var faster = Fixtures.model
        faster.slo.latencyThresholdMs = 700
        let updated = try await first.put(faster, context: context)
        #expect(try await first.get(ServedModel.self, named: "sd21") == updated.stored)
        #expect(try await Self.eventually { try await second.get(ServedModel.self, named: "sd21") == updated.stored })

        var another = Fixtures.inf2Unit
        another.name = "sd21-inf2-b"
        another.kubernetes.deployment = another.name
        another.kubernetes.service = another.name
        _ = try await first.put(another, context: context)
        let names = ["sd21-g5-triton", "sd21-inf2", "sd21-inf2-b"]
        #expect(try await Self.eventually {
            try await second.list(DeploymentUnit.self, filter: ResourceFilter(model: "sd21")).items.map(\.value.name)
                == names
        })
        #expect(try await second.fleetIndex().units(of: "sd21").map(\.name) == names)
        await first.close()
        await second.close()
    }
}

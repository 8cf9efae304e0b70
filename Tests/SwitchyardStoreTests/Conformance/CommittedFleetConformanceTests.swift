import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// Gets and listings of fleet resources are served from the committed fleet in memory: they see every commit of this
/// replica at once, and answer exactly as the database would.
@Suite("Conformance: reads from the committed fleet")
struct CommittedFleetConformanceTests {
    let context = Fixtures.context

    /// Three models and `perModel` units of each, alternating between the two pools, named so that byte order is not
    /// numeric order (`m1-u10` before `m1-u2`).
    static func manyUnits(perModel: Int) -> Fleet {
        var fleet = Fixtures.fleet
        fleet.benchmarks = []
        fleet.units = []
        for modelName in ["m1", "m2", "sd21"] {
            if modelName != "sd21" {
                var model = Fixtures.model
                model.name = modelName
                fleet.models.append(model)
            }
            for index in 0..<perModel {
                var unit = index.isMultiple(of: 2) ? Fixtures.inf2Unit : Fixtures.g5Unit
                unit.name = "\(modelName)-u\(index)"
                unit.model = modelName
                unit.kubernetes.deployment = unit.name
                unit.kubernetes.service = unit.name
                fleet.units.append(unit)
            }
        }
        return fleet
    }

    @Test("the fleet and failover generations change with each commit that touches them; reads leave them",
          arguments: StoreEngine.allCases)
    func generations(engine: StoreEngine) async throws {
        let open = try await ResourceConformanceTests.withDependencies(engine)
        let store = open.store
        let fleet = store.fleetGeneration, failover = store.failoverGeneration
        _ = try await store.fleetIndex()
        _ = try await store.failoverState()
        if engine == .sqlite {
            // On PostgreSQL the notifications of the setup's own commits may still arrive and count, which is harmless.
            #expect(store.fleetGeneration == fleet && store.failoverGeneration == failover)
        }

        try await store.put(Fixtures.inf2Unit, context: context)
        #expect(store.fleetGeneration != fleet)

        let beforePin = store.failoverGeneration
        try await store.setFailoverPin(model: Fixtures.model.name, pin: .capacity, context: context)
        #expect(store.failoverGeneration != beforePin)
        try await open.close()
    }

    @Test("a read after this replica's write sees the write, whichever way it was written", arguments: StoreEngine.allCases)
    func readYourWrites(engine: StoreEngine) async throws {
        let open = try await ResourceConformanceTests.withDependencies(engine)
        let store = open.store
        let created = try await store.put(Fixtures.inf2Unit, context: context)
        #expect(try await store.get(DeploymentUnit.self, named: "sd21-inf2") == created.stored)

        var changed = Fixtures.inf2Unit
        changed.maxReplicas = 12
        let updated = try await store.put(changed, context: context)
        #expect(try await store.get(DeploymentUnit.self, named: "sd21-inf2") == updated.stored)
        #expect(try await store.list(DeploymentUnit.self).items == [updated.stored])

        _ = try await store.put(Fixtures.g5Unit, context: context)
        #expect(try await store.list(DeploymentUnit.self).items.map(\.value.name) == ["sd21-g5-triton", "sd21-inf2"])
        #expect(try await store.fleetIndex().units(of: "sd21").count == 2)

        // Past the store's operations, as an intruder or a repair would write: still seen at the next read.
        try await open.execute("UPDATE units SET max_replicas = 3 WHERE name = 'sd21-inf2'")
        let repaired = try await store.get(DeploymentUnit.self, named: "sd21-inf2")
        #expect(repaired.value.maxReplicas == 3)
        #expect(repaired.etag != updated.stored.etag)

        try await store.delete(DeploymentUnit.self, named: "sd21-inf2", context: context)
        await #expect(throws: StoreError.notFound(kind: .unit, name: "sd21-inf2")) {
            try await store.get(DeploymentUnit.self, named: "sd21-inf2")
        }
        #expect(try await store.list(DeploymentUnit.self).items.map(\.value.name) == ["sd21-g5-triton"])

        _ = try await store.importFleet(Self.manyUnits(perModel: 3), dryRun: false, context: context)
        #expect(try await store.list(DeploymentUnit.self, filter: ResourceFilter(model: "m2")).items.count == 3)
        try await open.close()
    }

    @Test("paging a fleet of many units over the committed fleet equals paging over the database, filters included",
          arguments: StoreEngine.allCases)
    func pagingMatchesDatabase(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        let fleet = Self.manyUnits(perModel: 80)
        _ = try await store.importFleet(fleet, dryRun: false, context: context)
        let filters = [
            ResourceFilter(), ResourceFilter(model: "m1"), ResourceFilter(pool: "amd-neuron"),
            ResourceFilter(model: "sd21", pool: "amd-nvidia"), ResourceFilter(model: "none"),
            ResourceFilter(model: "m2", pool: "none"), ResourceFilter(model: "M1"),
        ]
        for filter in filters {
            for limit in [1, 7, 100, 1000] {
                var cursor: String?
                var pages = 0
                repeat {
                    let fromMemory = try await store.list(DeploymentUnit.self, filter: filter, after: cursor, limit: limit)
                    let fromDatabase = try await open.unitsFromDatabase(filter, cursor, limit)
                    #expect(fromMemory == fromDatabase, "filter \(filter), limit \(limit), page \(pages)")
                    cursor = fromDatabase.nextCursor
                    pages += 1
                } while cursor != nil && pages < 300
            }
        }
        // A cursor need not name a stored unit; one past the end gives an empty last page.
        for key in ["m1-u15x", "m1-u", "a", "zzz", "m2-u79"] {
            let cursor = Cursor.encode(key)
            for filter in filters {
                let fromMemory = try await store.list(DeploymentUnit.self, filter: filter, after: cursor, limit: 5)
                #expect(fromMemory == (try await open.unitsFromDatabase(filter, cursor, 5)), "after \(key), \(filter)")
            }
        }
        let all = try await open.unitsFromDatabase(ResourceFilter(), nil, 1000).items
        #expect(all.count == 240)
        for stored in all { #expect(try await store.get(DeploymentUnit.self, named: stored.value.name) == stored) }
        // Other kinds ignore the filter, as the database listing does.
        let models = try await store.list(ServedModel.self, filter: ResourceFilter(model: "m1", pool: "x"), limit: 2)
        #expect(models.items.map(\.value.name) == ["m1", "m2"])
        #expect(try await store.list(ServedModel.self, filter: ResourceFilter(), after: models.nextCursor, limit: 2).items.map(\.value.name)
            == ["sd21"])
        await #expect(throws: StoreError.self) {
            try await store.list(DeploymentUnit.self, filter: ResourceFilter(), after: "%%%", limit: 5)
        }
        try await open.close()
    }
}

import Foundation
import SwitchyardCore
import SwitchyardStore
import Testing

@Suite("Pools with node classes in the store")
struct PoolNodeClassStoreTests {
    let context = Fixtures.context

    static func pool(_ name: String, _ nodeClass: PoolNodeClass?) -> CapacityPool {
        var pool = Fixtures.neuronPool
        pool.name = name
        pool.nodeClass = nodeClass
        return pool
    }

    @Test("a pool's node class round-trips, export and import included; a pool without one has no nodeClass field")
    func roundTrip() async throws {
        let database = try AppDatabase.inMemory()
        for (pool, nodeClass) in DemoFleet.nodeClasses() {
            let stored = try await database.put(Self.pool(pool, nodeClass), context: context)
            #expect(stored.outcome == .created)
            #expect(try await database.get(CapacityPool.self, named: pool).value.nodeClass == nodeClass)
        }
        #expect(try await database.put(Self.pool("shared", .existing("gpu-nodes")), context: context).outcome == .created)

        let exported = try await database.exportFleet()
        let copy = try AppDatabase.inMemory()
        _ = try await copy.importFleet(exported, dryRun: false, context: context)
        #expect(try await copy.exportFleet() == exported)
        #expect(exported.pools.first { $0.name == "shared" }?.nodeClass == .existing("gpu-nodes"))

        // Pools stored before node classes existed keep their content, and so their entity tags.
        let plain = String(decoding: try JSONEncoder().encode(Fixtures.neuronPool), as: UTF8.self)
        #expect(!plain.contains("nodeClass"))
    }

    @Test("a pool may not manage a node class another pool manages; it references it with existing")
    func oneManagerPerNodeClass() async throws {
        let database = try AppDatabase.inMemory()
        let nodeClasses = DemoFleet.nodeClasses()
        _ = try await database.put(Self.pool("amd-nvidia", nodeClasses["amd-nvidia"]), context: context)
        guard case .managed(let spec, _)? = nodeClasses["amd-neuron"] else {
            Issue.record("the demo's amd-neuron node class is not managed")
            return
        }
        await #expect(throws: StoreError.invalid([FieldViolation(
            field: "nodeClass.name",
            message: "pool amd-nvidia already manages node class gpu-nodes; reference it with existing: gpu-nodes")])
        ) {
            try await database.put(Self.pool("spot-gpu", .managed(spec, name: "gpu-nodes")), context: context)
        }
        await #expect(throws: StoreError.self) {
            try await database.put(Self.pool("gpu-nodes", .managed(spec)), context: context)
        }
        #expect(try await database.list(CapacityPool.self).items.map(\.value.name) == ["amd-nvidia"])
        // Referencing it is fine, and so is the manager changing its own node class.
        #expect(try await database.put(Self.pool("spot-gpu", .existing("gpu-nodes")), context: context).outcome == .created)
        #expect(try await database.put(Self.pool("amd-nvidia", .managed(spec, name: "gpu-nodes")), context: context).outcome == .updated)
    }

    @Test("an invalid node class is refused with the field named, and nothing is written")
    func invalidIsRefused() async throws {
        let database = try AppDatabase.inMemory()
        guard case .managed(var spec, _)? = DemoFleet.nodeClasses()["amd-neuron"] else {
            Issue.record("the demo's amd-neuron node class is not managed")
            return
        }
        spec.instanceProfile = "KarpenterNodeInstanceProfile-demo"
        let error = await #expect(throws: StoreError.self) {
            try await database.put(Self.pool("amd-neuron", .managed(spec)), context: context)
        }
        guard case .invalid(let violations)? = error else {
            Issue.record("not a validation error: \(String(describing: error))")
            return
        }
        #expect(violations.map(\.field) == ["nodeClass.instanceProfile"])
        #expect(try await database.list(CapacityPool.self).items.isEmpty)
        #expect(try await Fixtures.allEvents(database).isEmpty)
    }
}

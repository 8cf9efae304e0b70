import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// Fleet resources with entity tags behave the same on both engines.
@Suite("Conformance: fleet resources")
struct ResourceConformanceTests {
    let context = Fixtures.context

    static func withDependencies(_ engine: StoreEngine) async throws -> OpenStore {
        let open = try await engine.open()
        let store = open.store
        _ = try await store.put(Fixtures.model, context: Fixtures.context)
        _ = try await store.put(Fixtures.inf2, context: Fixtures.context)
        _ = try await store.put(Fixtures.g5, context: Fixtures.context)
        _ = try await store.put(Fixtures.neuronPool, context: Fixtures.context)
        _ = try await store.put(Fixtures.nvidiaPool, context: Fixtures.context)
        return open
    }

    @Test("each kind round-trips through put and get; put twice is unchanged; update changes the tag", arguments: StoreEngine.allCases)
    func roundTrip(engine: StoreEngine) async throws {
        let open = try await Self.withDependencies(engine)
        let store = open.store
        #expect(try await store.get(ServedModel.self, named: "sd21").value == Fixtures.model)
        #expect(try await store.get(InstanceType.self, named: "inf2.xlarge").value == Fixtures.inf2)
        #expect(try await store.get(CapacityPool.self, named: "amd-neuron").value == Fixtures.neuronPool)
        #expect(try await store.get(CapacityPool.self, named: "amd-nvidia").value == Fixtures.nvidiaPool)

        let created = try await store.put(Fixtures.g5Unit, context: context)
        #expect(created.outcome == .created)
        #expect(try await store.get(DeploymentUnit.self, named: "sd21-g5-triton").value == Fixtures.g5Unit)
        let again = try await store.put(Fixtures.g5Unit, context: context)
        #expect(again.outcome == .unchanged)
        #expect(again.stored.etag == created.stored.etag)

        var changed = Fixtures.g5Unit
        changed.maxReplicas = 6
        changed.enabled = false
        // JSON-valued and later-added columns read back the same on both engines.
        changed.args = ["--model-control-mode=explicit"]
        changed.kserve = KServeModelSpec(modelFormat: "triton", runtime: "kserve-tritonserver", storageUri: "s3://models/sd21")
        changed.capacityTypes = [.onDemand]
        changed.pinCapacityType = true
        let updated = try await store.put(changed, context: context)
        #expect(updated.outcome == .updated)
        #expect(updated.stored.etag != created.stored.etag)
        #expect(updated.stored.createdAt == created.stored.createdAt)
        #expect(try await store.get(DeploymentUnit.self, named: "sd21-g5-triton").value == changed)

        try await store.delete(DeploymentUnit.self, named: "sd21-g5-triton", context: context)
        await #expect(throws: StoreError.notFound(kind: .unit, name: "sd21-g5-triton")) {
            try await store.get(DeploymentUnit.self, named: "sd21-g5-triton")
        }
        try await open.close()
    }

    @Test("the entity tag depends only on content, the same on both engines")
    func etagsAgreeAcrossEngines() async throws {
        var tags: [String] = []
        for engine in StoreEngine.allCases {
            let open = try await engine.open()
            tags.append(try await open.store.put(Fixtures.inf2, context: context).stored.etag)
            #expect(try await open.store.get(InstanceType.self, named: "inf2.xlarge").etag == tags.last)
            try await open.close()
        }
        #expect(Set(tags).count == 1)
    }

    @Test("If-Match: the current tag and * succeed; a stale tag or a missing resource fails", arguments: StoreEngine.allCases)
    func ifMatch(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        await #expect(throws: StoreError.preconditionFailed(kind: .model, name: "sd21", currentETag: nil)) {
            try await store.put(Fixtures.model, ifMatch: "*", context: context)
        }
        let original = try await store.put(Fixtures.model, context: context).stored.etag
        var faster = Fixtures.model
        faster.slo.latencyThresholdMs = 700
        let updated = try await store.put(faster, ifMatch: original, context: context)
        #expect(updated.outcome == .updated)

        var other = Fixtures.model
        other.slo.latencyThresholdMs = 800
        await #expect(throws: StoreError.preconditionFailed(kind: .model, name: "sd21", currentETag: updated.stored.etag)) {
            try await store.put(other, ifMatch: original, context: context)
        }
        await #expect(throws: StoreError.preconditionFailed(kind: .model, name: "sd21", currentETag: updated.stored.etag)) {
            try await store.delete(ServedModel.self, named: "sd21", ifMatch: original, context: context)
        }
        #expect(try await store.put(other, ifMatch: "*", context: context).outcome == .updated)
        #expect(try await store.get(ServedModel.self, named: "sd21").value.slo.latencyThresholdMs == 800)
        try await open.close()
    }

    @Test("listing pages in byte order with a cursor, and filters units by model and pool", arguments: StoreEngine.allCases)
    func listing(engine: StoreEngine) async throws {
        let open = try await Self.withDependencies(engine)
        let store = open.store
        _ = try await store.put(Fixtures.g5Unit, context: context)
        _ = try await store.put(Fixtures.inf2Unit, context: context)
        var lower = Fixtures.model
        lower.name = "a-z"
        _ = try await store.put(lower, context: context)
        var upper = Fixtures.model
        upper.name = "ab"
        _ = try await store.put(upper, context: context)

        let first = try await store.list(ServedModel.self, filter: .init(), after: nil, limit: 2)
        #expect(first.items.map(\.value.name) == ["a-z", "ab"])
        let second = try await store.list(ServedModel.self, filter: .init(), after: first.nextCursor, limit: 2)
        #expect(second.items.map(\.value.name) == ["sd21"])
        #expect(second.nextCursor == nil)

        let onNeuron = try await store.list(DeploymentUnit.self, filter: ResourceFilter(pool: "amd-neuron"))
        #expect(onNeuron.items.map(\.value.name) == ["sd21-inf2"])
        let both = try await store.list(DeploymentUnit.self, filter: ResourceFilter(model: "sd21", pool: "amd-nvidia"))
        #expect(both.items.map(\.value.name) == ["sd21-g5-triton"])
        await #expect(throws: StoreError.self) {
            try await store.list(ServedModel.self, filter: .init(), after: "%%%", limit: 10)
        }
        try await open.close()
    }

    @Test("a resource still referred to cannot be deleted; a unit naming a missing pool is invalid", arguments: StoreEngine.allCases)
    func references(engine: StoreEngine) async throws {
        let open = try await Self.withDependencies(engine)
        let store = open.store
        _ = try await store.put(Fixtures.inf2Unit, context: context)
        await #expect(throws: StoreError.referenced(kind: .model, name: "sd21", by: [ResourceRef(kind: .unit, name: "sd21-inf2")])) {
            try await store.delete(ServedModel.self, named: "sd21", context: context)
        }
        await #expect(throws: StoreError.referenced(kind: .pool, name: "amd-neuron", by: [ResourceRef(kind: .unit, name: "sd21-inf2")])) {
            try await store.delete(CapacityPool.self, named: "amd-neuron", context: context)
        }
        var stray = Fixtures.g5Unit
        stray.pool = "nowhere"
        do {
            _ = try await store.put(stray, context: context)
            Issue.record("a unit naming a missing pool was stored")
        } catch StoreError.invalid(let violations) {
            #expect(violations.map(\.field) == ["pool"])
        }
        await #expect(throws: StoreError.notFound(kind: .pool, name: "nowhere")) {
            try await store.delete(CapacityPool.self, named: "nowhere", context: context)
        }
        try await open.close()
    }

    @Test("every change records its audit event; an unchanged put records none", arguments: StoreEngine.allCases)
    func auditedChanges(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        _ = try await store.put(Fixtures.model, context: context)
        _ = try await store.put(Fixtures.model, context: context)
        var changed = Fixtures.model
        changed.expectedDemandRPS = 300
        _ = try await store.put(changed, context: context)
        try await store.delete(ServedModel.self, named: "sd21", context: context)
        let events = try await store.auditEvents(AuditFilter(kind: .model, name: "sd21"), after: nil, limit: 100).items
        #expect(events.map(\.action) == [.create, .update, .delete])
        #expect(events.map(\.actor) == ["alice", "alice", "alice"])
        #expect(events.first?.before == nil && events.last?.after == nil)
        try await open.close()
    }
}

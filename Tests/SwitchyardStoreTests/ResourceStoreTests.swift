import Foundation
import SwitchyardCore
import SwitchyardStore
import Testing

@Suite("Fleet resources in the store")
struct ResourceStoreTests {
    let context = Fixtures.context

    @Test("each kind round-trips through put and get, and put twice is unchanged")
    func crudPerKind() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        #expect(try await database.get(ServedModel.self, named: "sd21").value == Fixtures.model)
        #expect(try await database.get(InstanceType.self, named: "inf2.xlarge").value == Fixtures.inf2)
        #expect(try await database.get(CapacityPool.self, named: "amd-neuron").value == Fixtures.neuronPool)
        #expect(try await database.get(CapacityPool.self, named: "amd-nvidia").value == Fixtures.nvidiaPool)

        let created = try await database.put(Fixtures.g5Unit, context: context)
        #expect(created.outcome == .created)
        #expect(try await database.get(DeploymentUnit.self, named: "sd21-g5-triton").value == Fixtures.g5Unit)
        let again = try await database.put(Fixtures.g5Unit, context: context)
        #expect(again.outcome == .unchanged)
        #expect(again.stored.etag == created.stored.etag)

        var changed = Fixtures.g5Unit
        changed.maxReplicas = 6
        let updated = try await database.put(changed, context: context)
        #expect(updated.outcome == .updated)
        #expect(updated.stored.etag != created.stored.etag)
        #expect(try await database.get(DeploymentUnit.self, named: "sd21-g5-triton").value.maxReplicas == 6)

        try await database.delete(DeploymentUnit.self, named: "sd21-g5-triton", context: context)
        await #expect(throws: StoreError.notFound(kind: .unit, name: "sd21-g5-triton")) {
            try await database.get(DeploymentUnit.self, named: "sd21-g5-triton")
        }
    }

    @Test("the entity tag depends only on content and survives a fresh read")
    func etagIsContentDerived() async throws {
        let first = try AppDatabase.inMemory()
        let second = try AppDatabase.inMemory()
        let written = try await first.put(Fixtures.inf2, context: context).stored.etag
        #expect(try await second.put(Fixtures.inf2, context: context).stored.etag == written)
        #expect(try await first.get(InstanceType.self, named: "inf2.xlarge").etag == written)
        #expect(written.hasPrefix("\"") && written.hasSuffix("\"") && written.count == 18)
    }

    @Test("If-Match: the current tag and * succeed, a stale tag or a missing resource fails")
    func ifMatch() async throws {
        let database = try AppDatabase.inMemory()
        await #expect(throws: StoreError.preconditionFailed(kind: .model, name: "sd21", currentETag: nil)) {
            try await database.put(Fixtures.model, ifMatch: "*", context: context)
        }
        let original = try await database.put(Fixtures.model, context: context).stored.etag
        var faster = Fixtures.model
        faster.slo.latencyThresholdMs = 700
        let updated = try await database.put(faster, ifMatch: original, context: context)
        #expect(updated.outcome == .updated)

        var other = Fixtures.model
        other.slo.latencyThresholdMs = 800
        await #expect(
            throws: StoreError.preconditionFailed(kind: .model, name: "sd21", currentETag: updated.stored.etag)
        ) {
            try await database.put(other, ifMatch: original, context: context)
        }
        await #expect(throws: StoreError.self) {
            try await database.delete(ServedModel.self, named: "sd21", ifMatch: original, context: context)
        }
        #expect(try await database.put(other, ifMatch: "*", context: context).outcome == .updated)
        #expect(try await database.get(ServedModel.self, named: "sd21").value.slo.latencyThresholdMs == 800)
    }

    @Test("an unchanged put records no audit event")
    func unchangedPutWritesNoEvent() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.put(Fixtures.model, context: context)
        let before = try await Fixtures.allEvents(database).count
        _ = try await database.put(Fixtures.model, context: context)
        #expect(try await Fixtures.allEvents(database).count == before)
    }

    @Test("deleting a referenced resource is refused and names the referrers")
    func deleteWhileReferenced() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        _ = try await database.put(Fixtures.inf2Unit, context: context)
        await #expect(
            throws: StoreError.referenced(kind: .model, name: "sd21", by: [ResourceRef(kind: .unit, name: "sd21-inf2")])
        ) {
            try await database.delete(ServedModel.self, named: "sd21", context: context)
        }
        await #expect(throws: StoreError.self) {
            try await database.delete(CapacityPool.self, named: "amd-neuron", context: context)
        }
        let run = try await database.appendBenchmarkRun(Fixtures.run(unit: "sd21-inf2"), context: context)
        let runID = try #require(run.id)
        await #expect(
            throws: StoreError.referenced(
                kind: .unit, name: "sd21-inf2", by: [ResourceRef(kind: .benchmark, name: "sd21-inf2/\(runID)")])
        ) {
            try await database.delete(DeploymentUnit.self, named: "sd21-inf2", context: context)
        }
        try await database.deleteBenchmarkRun(unit: "sd21-inf2", id: runID, context: context)
        try await database.delete(DeploymentUnit.self, named: "sd21-inf2", context: context)
        try await database.delete(ServedModel.self, named: "sd21", context: context)
    }

    @Test("invalid values and unknown references are refused naming the field")
    func invalidValues() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        var badPrice = Fixtures.g5
        badPrice.prices.append(InstancePrice(region: "eu-west-1", capacityType: .spot, hourlyUSD: -1))
        await #expect(throws: StoreError.invalid([FieldViolation(field: "prices[1].hourlyUSD", message: "must be a finite number between 0 and 10000")])) {
            try await database.put(badPrice, context: context)
        }

        var orphan = Fixtures.inf2Unit
        orphan.pool = "no-such-pool"
        orphan.minReplicas = 9
        do {
            _ = try await database.put(orphan, context: context)
            Issue.record("an invalid unit was accepted")
        } catch let StoreError.invalid(violations) {
            #expect(violations.map(\.field) == ["minReplicas"])
        }
        orphan.minReplicas = 1
        do {
            _ = try await database.put(orphan, context: context)
            Issue.record("a unit with an unknown pool was accepted")
        } catch let StoreError.invalid(violations) {
            #expect(violations.map(\.field) == ["pool"])
        }
        await #expect(throws: StoreError.notFound(kind: .unit, name: "sd21-inf2")) {
            try await database.get(DeploymentUnit.self, named: "sd21-inf2")
        }
    }

    @Test("listing pages through names in order and filters units")
    func pagination() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        _ = try await database.put(Fixtures.inf2Unit, context: context)
        _ = try await database.put(Fixtures.g5Unit, context: context)
        let first = try await database.list(InstanceType.self, limit: 1)
        #expect(first.items.map(\.value.name) == ["g5.xlarge"])
        let cursor = try #require(first.nextCursor)
        let second = try await database.list(InstanceType.self, after: cursor, limit: 1)
        #expect(second.items.map(\.value.name) == ["inf2.xlarge"])
        #expect(second.nextCursor == nil)

        let neuronUnits = try await database.list(DeploymentUnit.self, filter: ResourceFilter(pool: "amd-neuron"))
        #expect(neuronUnits.items.map(\.value.name) == ["sd21-inf2"])
        let modelUnits = try await database.list(DeploymentUnit.self, filter: ResourceFilter(model: "sd21"), limit: 0)
        #expect(modelUnits.items.count == 1)
        #expect(modelUnits.nextCursor != nil)
        await #expect(throws: StoreError.self) {
            try await database.list(ServedModel.self, after: "%%%")
        }
    }

    @Test("benchmark runs are appended with ids, listed, and deleted one at a time")
    func benchmarkRuns() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        _ = try await database.put(Fixtures.inf2Unit, context: context)
        let first = try await database.appendBenchmarkRun(Fixtures.run(unit: "sd21-inf2", note: "a"), context: context)
        let second = try await database.appendBenchmarkRun(Fixtures.run(unit: "sd21-inf2", note: "b"), context: context)
        #expect(try await database.benchmarkRuns(unit: "sd21-inf2") == [first, second])
        try await database.deleteBenchmarkRun(unit: "sd21-inf2", id: try #require(first.id), context: context)
        #expect(try await database.benchmarkRuns(unit: "sd21-inf2").map(\.note) == ["b"])
        await #expect(throws: StoreError.notFound(kind: .unit, name: "missing")) {
            try await database.benchmarkRuns(unit: "missing")
        }
        var inverted = Fixtures.run(unit: "sd21-inf2")
        inverted.samples[1].p50Ms = 990
        do {
            _ = try await database.appendBenchmarkRun(inverted, context: context)
            Issue.record("a run with p50 > p95 was accepted")
        } catch let StoreError.invalid(violations) {
            #expect(violations.map(\.field) == ["samples[1].p95Ms"])
        }
    }
}

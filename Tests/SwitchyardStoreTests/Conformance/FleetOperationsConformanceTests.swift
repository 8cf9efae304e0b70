import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// Benchmark runs, fleet import and export, rollouts and audit verification behave the same on both engines.
@Suite("Conformance: benchmarks, fleet documents, rollouts and audit verification")
struct FleetOperationsConformanceTests {
    let context = Fixtures.context

    @Test("runs are appended, listed and deleted with audit events; an unknown unit or run is not found",
          arguments: StoreEngine.allCases)
    func benchmarks(engine: StoreEngine) async throws {
        let open = try await ResourceConformanceTests.withDependencies(engine)
        let store = open.store
        _ = try await store.put(Fixtures.inf2Unit, context: context)
        let first = try await store.appendBenchmarkRun(Fixtures.run(unit: "sd21-inf2", note: "a"), context: context)
        let second = try await store.appendBenchmarkRun(Fixtures.run(unit: "sd21-inf2", topRPS: 120), context: context)
        let firstID = try #require(first.id)
        let secondID = try #require(second.id)
        #expect(firstID < secondID)
        #expect(try await store.benchmarkRuns(unit: "sd21-inf2") == [first, second])
        #expect(try await store.fleetIndex().fleet.benchmarks == [first, second])
        await #expect(throws: StoreError.notFound(kind: .unit, name: "ghost")) {
            try await store.appendBenchmarkRun(Fixtures.run(unit: "ghost"), context: context)
        }
        await #expect(throws: StoreError.notFound(kind: .unit, name: "ghost")) { try await store.benchmarkRuns(unit: "ghost") }
        // A unit with runs cannot be deleted.
        await #expect(throws: StoreError.referenced(
            kind: .unit, name: "sd21-inf2",
            by: [ResourceRef(kind: .benchmark, name: "sd21-inf2/\(firstID)"), ResourceRef(kind: .benchmark, name: "sd21-inf2/\(secondID)")])
        ) {
            try await store.delete(DeploymentUnit.self, named: "sd21-inf2", context: context)
        }
        try await store.deleteBenchmarkRun(unit: "sd21-inf2", id: firstID, context: context)
        #expect(try await store.benchmarkRuns(unit: "sd21-inf2") == [second])
        #expect(try await store.fleetSnapshot().benchmarks == [second])
        await #expect(throws: StoreError.notFound(kind: .benchmark, name: "sd21-inf2/\(firstID)")) {
            try await store.deleteBenchmarkRun(unit: "sd21-inf2", id: firstID, context: context)
        }
        let actions = try await store.auditEvents(AuditFilter(kind: .benchmark), after: nil, limit: 10).items.map(\.action)
        #expect(actions == [.create, .create, .delete])
        try await open.close()
    }

    @Test("an import is all-or-nothing, a dry run writes nothing, a repeat changes nothing, the export round-trips",
          arguments: StoreEngine.allCases)
    func importAndExport(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        let rehearsal = try await store.importFleet(Fixtures.fleet, dryRun: true, context: context)
        #expect(rehearsal.dryRun && rehearsal.created.count == 7 && rehearsal.benchmarkRunsAdded == 2)
        #expect(try await store.exportFleet() == Fleet())
        #expect(try await store.auditEvents(AuditFilter(), after: nil, limit: 10).items.isEmpty)

        let report = try await store.importFleet(Fixtures.fleet, dryRun: false, context: context)
        #expect(report.created.count == 7 && report.benchmarkRunsAdded == 2 && report.updated.isEmpty)
        var expected = Fixtures.fleet
        expected.models.sort { $0.name < $1.name }
        expected.instanceTypes.sort { $0.name < $1.name }
        expected.pools.sort { $0.name < $1.name }
        expected.units.sort { $0.name < $1.name }
        #expect(try await store.exportFleet() == expected)
        #expect(try await store.fleetSnapshot().benchmarks.allSatisfy { $0.id != nil })

        let again = try await store.importFleet(Fixtures.fleet, dryRun: false, context: context)
        #expect(again.unchanged.count == 7 && again.created.isEmpty && again.benchmarkRunsAdded == 0)
        let imports = try await store.auditEvents(AuditFilter(kind: .fleet), after: nil, limit: 10).items
        #expect(imports.count == 1)

        // One bad reference refuses the whole document, and nothing of it lands.
        var broken = Fleet(models: [ServedModel(
            name: "other", slo: Fixtures.model.slo, routing: RoutingSettings(defaultStrategy: .cost))])
        var unit = Fixtures.inf2Unit
        unit.name = "other-inf2"
        unit.model = "other"
        unit.pool = "ghost"
        broken.units = [unit]
        do {
            _ = try await store.importFleet(broken, dryRun: false, context: context)
            Issue.record("a unit in an unknown pool was imported")
        } catch StoreError.invalid(let violations) {
            #expect(violations.map(\.field) == ["units[0].pool"])
        }
        await #expect(throws: StoreError.notFound(kind: .model, name: "other")) {
            try await store.get(ServedModel.self, named: "other")
        }
        try await open.close()
    }

    @Test("a rollout starts once per model, updates only over what it was decided from, and sets the stable version",
          arguments: StoreEngine.allCases)
    func rollouts(engine: StoreEngine) async throws {
        let open = try await ResourceConformanceTests.withDependencies(engine)
        let store = open.store
        var canary = Fixtures.inf2Unit
        canary.name = "sd21-inf2-v2"
        canary.version = "v2"
        canary.kubernetes.deployment = "sd21-inf2-v2"
        canary.kubernetes.service = "sd21-inf2-v2"
        _ = try await store.put(Fixtures.inf2Unit, context: context)
        _ = try await store.put(canary, context: context)
        let now = Date(timeIntervalSince1970: 1_700_000_000)

        await #expect(throws: StoreError.notFound(kind: .model, name: "ghost")) {
            try await store.startRollout(model: "ghost", request: RolloutRequest(toVersion: "v2"), now: now, context: context)
        }
        do {
            _ = try await store.startRollout(model: "sd21", request: RolloutRequest(toVersion: "v9"), now: now, context: context)
            Issue.record("a rollout to a version no unit serves started")
        } catch StoreError.invalid(let violations) {
            #expect(violations.map(\.field) == ["toVersion"])
        }
        let started = try await store.startRollout(
            model: "sd21", request: RolloutRequest(toVersion: "v2", steps: [10, 100]), now: now, context: context)
        #expect(started.id == 1 && started.status == .progressing)
        #expect(try await store.rollouts(model: "sd21") == [started])
        #expect(try await store.activeRollouts() == ["sd21": started])
        #expect(try await store.versionRoutings() == ["sd21": VersionRouting(stable: nil, active: started)])
        do {
            _ = try await store.startRollout(model: "sd21", request: RolloutRequest(toVersion: "v2"), now: now, context: context)
            Issue.record("a second active rollout started")
        } catch StoreError.conflict {
        }

        var promoted = started
        promoted.status = .promoted
        try await store.updateRollout(promoted, from: started, audits: [])
        do {
            try await store.updateRollout(promoted, from: started, audits: [])
            Issue.record("an update over a state that had moved on was stored")
        } catch StoreError.conflict {
        }
        #expect(try await store.activeRollouts().isEmpty)
        #expect(try await store.stableVersion(model: "sd21") == "v2")
        #expect(try await store.stableVersion(model: "other") == nil)
        #expect(try await store.auditEvents(AuditFilter(kind: .rollout), after: nil, limit: 10).items.count == 1)
        try await open.close()
    }

    @Test("the audit chain verifies, records a checkpoint, and finds an event removed behind its back",
          arguments: StoreEngine.allCases)
    func auditVerification(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        let empty = try await store.verifyAuditChain()
        #expect(empty.valid && empty.checked == 0 && empty.headSeq == nil)
        _ = try await store.put(Fixtures.model, context: context)
        _ = try await store.createToken(name: "ci", role: .operator, context: context)
        let first = try await store.verifyAuditChain()
        #expect(first.valid && first.checked == 2 && first.headSeq == 2 && first.fromSeq == 0)
        _ = try await store.recordCapacitySignal(FailoverConformanceTests.signal(.short, at: 0), context: context)
        let incremental = try await store.verifyAuditChain()
        #expect(incremental.valid && incremental.checked == 1 && incremental.fromSeq == 2 && incremental.headSeq == 3)
        let full = try await store.verifyAuditChain(full: true)
        #expect(full.valid && full.checked == 3 && full.fromSeq == 0)

        // The head moved past the events: what a deletion of the newest events leaves behind.
        try await open.execute("UPDATE audit_head SET seq = 5 WHERE id = 1")
        let broken = try await store.verifyAuditChain(full: true)
        #expect(!broken.valid && broken.firstBrokenSeq == 4)
        try await open.close()
    }
}

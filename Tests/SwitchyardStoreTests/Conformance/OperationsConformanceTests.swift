import Foundation
import Synchronization
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// Applied state, demand samples and adaptive state behave the same on both engines.
@Suite("Conformance: applied state, demand and adaptive state")
struct OperationsConformanceTests {
    let context = Fixtures.context
    let push = try! AuditEntry(actor: "alice", action: .apply, kind: .push, name: "kubernetes", requestID: "req-1")
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a push records its objects with its audit event, read back at once; removals forget; non-JSON is refused",
          arguments: StoreEngine.allCases)
    func appliedState(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        #expect(try await store.appliedObjects(target: "kubernetes").isEmpty)
        try await store.recordApplied(
            target: "kubernetes",
            upserts: [
                AppliedObjectDraft(key: "apps/v1/Deployment/sd21/sd21-inf2", model: "sd21", document: #"{"spec":{"replicas":1}}"#),
                AppliedObjectDraft(key: "karpenter.sh/v1/NodePool//amd-neuron", model: nil, document: #"{"spec":{"weight":60}}"#),
            ],
            audit: push)
        // The whole target is cached; the push's commit must show at once.
        #expect(try await store.appliedObjects(target: "kubernetes").map(\.key)
            == ["apps/v1/Deployment/sd21/sd21-inf2", "karpenter.sh/v1/NodePool//amd-neuron"])
        #expect(try await store.appliedObjects(target: "kubernetes", model: "sd21").map(\.model) == ["sd21"])
        try await store.recordApplied(
            target: "kubernetes",
            upserts: [AppliedObjectDraft(key: "apps/v1/Deployment/sd21/sd21-inf2", model: "sd21", document: #"{"spec":{"replicas":2}}"#)],
            removals: ["karpenter.sh/v1/NodePool//amd-neuron"], audit: push)
        #expect(try await store.appliedObjects(target: "kubernetes").map(\.document) == [#"{"spec":{"replicas":2}}"#])
        await #expect(throws: StoreError.self) {
            try await store.recordApplied(
                target: "files", upserts: [AppliedObjectDraft(key: "a", model: nil, document: "not json")], audit: push)
        }
        // An unknown target is refused by the schema, as invalid input.
        await #expect(throws: StoreError.self) {
            try await store.recordApplied(
                target: "nowhere", upserts: [AppliedObjectDraft(key: "a", model: nil, document: "{}")], audit: push)
        }
        #expect(try await store.appliedObjects(target: "files").isEmpty)
        #expect(try await store.auditEvents(AuditFilter(kind: .push), after: nil, limit: 10).items.count == 2)
        try await open.close()
    }

    @Test("demand samples: a repeat replaces the rate, old samples are pruned, reads are bounded; unknown models are not found",
          arguments: StoreEngine.allCases)
    func demand(engine: StoreEngine) async throws {
        let now = Mutex(Self.start)
        let open = try await engine.open(clock: { now.withLock { $0 } })
        let store = open.store
        _ = try await store.put(Fixtures.model, context: context)
        func sample(_ seconds: Double, _ rps: Double, source: String = "prometheus") -> DemandSample {
            DemandSample(model: "sd21", observedAt: Self.start.addingTimeInterval(seconds), rps: rps, source: source)
        }
        let stored = try await store.appendDemandSamples(
            [sample(-120, 10), sample(-60, 20), sample(-60, 25, source: "operator")], retention: 3600)
        #expect(stored.map(\.rps) == [10, 20, 25])
        try await store.appendDemandSamples([sample(-60, 22)], retention: 3600, context: context)
        #expect(try await store.demandSamples(model: "sd21").map(\.rps) == [10, 25, 22])
        #expect(try await store.demandSamples(model: "sd21", since: Self.start.addingTimeInterval(-60)).count == 2)
        #expect(try await store.demandSamples(model: "sd21", since: nil, limit: 1).map(\.rps) == [22])
        #expect(try await store.auditEvents(AuditFilter(kind: .demand), after: nil, limit: 10).items.count == 1)

        // An hour and a minute on, with an hour's retention, only the newest survive the next append.
        now.withLock { $0 = Self.start.addingTimeInterval(3600 - 90) }
        try await store.appendDemandSamples([sample(3600 - 90, 30)], retention: 3600)
        #expect(try await store.demandSamples(model: "sd21").map(\.rps) == [25, 22, 30])

        await #expect(throws: StoreError.notFound(kind: .model, name: "ghost")) {
            try await store.appendDemandSamples(
                [DemandSample(model: "ghost", observedAt: Self.start, rps: 1, source: "operator")], retention: 3600)
        }
        await #expect(throws: StoreError.notFound(kind: .model, name: "ghost")) {
            try await store.demandSamples(model: "ghost")
        }
        do {
            try await store.appendDemandSamples([sample(0, -1)], retention: 3600)
            Issue.record("a negative rate was stored")
        } catch StoreError.invalid(let violations) {
            #expect(violations.map(\.field) == ["rps"])
        }
        try await open.close()
    }

    @Test("adaptive state round-trips with its audit events; an unknown model is not found", arguments: StoreEngine.allCases)
    func adaptive(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        _ = try await store.put(Fixtures.model, context: context)
        #expect(try await store.adaptiveStates().isEmpty)
        let state = AdaptiveModelState(floors: ["sd21-inf2": 2, "sd21-g5-triton": 1], weightsMovedAt: Self.start)
        let audit = try AuditEntry(
            actor: "system", action: .moveWeights, kind: .adaptive, name: "sd21", requestID: nil, reason: "test")
        try await store.saveAdaptiveState(model: "sd21", state: state, audits: [audit])
        #expect(try await store.adaptiveStates() == ["sd21": state])
        var next = state
        next.floors = [:]
        try await store.saveAdaptiveState(model: "sd21", state: next, audits: [])
        #expect(try await store.adaptiveStates() == ["sd21": next])
        await #expect(throws: StoreError.notFound(kind: .model, name: "ghost")) {
            try await store.saveAdaptiveState(model: "ghost", state: state, audits: [])
        }
        #expect(try await store.auditEvents(AuditFilter(actor: "system"), after: nil, limit: 10).items.count == 1)
        try await open.close()
    }

    @Test("the database reports its migrations and a size", arguments: StoreEngine.allCases)
    func maintenance(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let migrations = try await open.store.appliedMigrations()
        #expect(migrations.count >= 16 && migrations == migrations.sorted())
        #expect(try await open.store.databaseSizeBytes() > 0)
        try await open.close()
    }
}

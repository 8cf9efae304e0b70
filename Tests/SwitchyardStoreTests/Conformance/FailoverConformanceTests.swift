import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// Capacity signals, passes and pins behave the same on both engines.
@Suite("Conformance: failover state")
struct FailoverConformanceTests {
    let context = Fixtures.context
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    static func signal(_ condition: CapacityCondition, at seconds: Double, pool: String = "amd-neuron") -> CapacitySignal {
        CapacitySignal(
            pool: pool, condition: condition, source: .operator, reason: "test", observedAt: start.addingTimeInterval(seconds))
    }

    @Test("signals are pending in the order received until a pass folds them; a pass commits pools, routing and audits",
          arguments: StoreEngine.allCases)
    func signalsAndPass(engine: StoreEngine) async throws {
        let open = try await engine.open(clock: { Self.start.addingTimeInterval(100) })
        let store = open.store
        let short = try await store.recordCapacitySignal(Self.signal(.short, at: 10), context: context)
        let other = try await store.recordCapacitySignal(Self.signal(.short, at: 20, pool: "amd-nvidia"), context: context)
        let recovered = try await store.recordCapacitySignal(Self.signal(.recovered, at: 30), context: context)
        #expect(short.id < other.id && other.id < recovered.id)
        #expect(short.receivedAt == Self.start.addingTimeInterval(100))
        let pending = try await store.pendingCapacitySignals()
        #expect(pending.map(\.id) == [short.id, other.id, recovered.id])
        #expect(pending.map(\.signal) == [short.signal, other.signal, recovered.signal])
        #expect(try await store.capacitySignals(since: Self.start.addingTimeInterval(20)) == [other.signal, recovered.signal])
        #expect(try await store.capacitySignals(since: Self.start, limit: 1) == [recovered.signal])

        #expect(try await store.failoverState() == FailoverState())
        var state = FailoverState()
        state.pools["amd-neuron"] = .short(since: short.signal.observedAt, evidence: short.signal, sources: [.operator])
        state.latestSignals["amd-neuron"] = short.signal
        state.models["sd21"] = ModelRouting(
            model: "sd21", configuration: .capacity, since: Self.start.addingTimeInterval(100), reason: .poolShort,
            detail: "amd-neuron short", evidence: [short.signal], lastSwitchAt: Self.start.addingTimeInterval(100))
        let switched = try AuditEntry(
            actor: "system", action: .switch, kind: .failover, name: "sd21", requestID: nil, reason: "amd-neuron short")
        try await store.commitFailoverPass(state: state, foldedSignals: [short.id], audits: [switched])
        #expect(try await store.failoverState() == state)
        #expect(try await store.pendingCapacitySignals().map(\.id) == [other.id, recovered.id])
        let events = try await store.auditEvents(AuditFilter(), after: nil, limit: 100).items
        #expect(events.map(\.kind) == [.capacitySignal, .capacitySignal, .capacitySignal, .failover])

        // A pool healthy again is written back as healthy, not left short.
        var healed = state
        healed.pools = [:]
        try await store.commitFailoverPass(state: healed, foldedSignals: [other.id, recovered.id], audits: [])
        #expect(try await store.failoverState() == healed)
        #expect(try await store.pendingCapacitySignals().isEmpty)
        try await open.close()
    }

    @Test("a pin is audited and survives a pass that did not know it", arguments: StoreEngine.allCases)
    func pinSurvivesPass(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        let (before, after) = try await store.setFailoverPin(model: "sd21", pin: .capacity, context: context)
        #expect(before == ModelRouting(model: "sd21"))
        #expect(after.pin == .capacity)
        #expect(try await store.failoverState().routing(of: "sd21").pin == .capacity)

        // The pass decided from a state read before the pin: the stored pin wins at commit.
        var pass = FailoverState()
        pass.models["sd21"] = ModelRouting(model: "sd21", configuration: .capacity, reason: .poolShort, detail: "short")
        try await store.commitFailoverPass(state: pass, foldedSignals: [], audits: [])
        let routing = try await store.failoverState().routing(of: "sd21")
        #expect(routing.configuration == .capacity && routing.pin == .capacity)

        try await store.setFailoverPin(model: "sd21", pin: nil, context: context)
        #expect(try await store.failoverState().routing(of: "sd21").pin == nil)
        let actions = try await store.auditEvents(AuditFilter(kind: .failover), after: nil, limit: 10).items.map(\.action)
        #expect(actions == [.pin, .unpin])
        try await open.close()
    }
}

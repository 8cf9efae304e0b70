import Foundation
import SwitchyardAdapters
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

@Suite("Failover controller")
struct FailoverControllerTests {
    typealias F = FailoverFixtures

    @Test("a shortage in a pool of the cost configuration switches to capacity, pushes, and audits the evidence")
    func shortageSwitches() async throws {
        let harness = try await FailoverHarness.make()
        try await harness.controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)

        let report = try await harness.controller.pass(now: F.t0)

        #expect(report.outcome == .switched)
        #expect(report.committed.map(\.model) == ["sd21"])
        #expect(report.committed.first?.to == .capacity)
        let expected = try await harness.expectedWeights("sd21", .capacity, shortPools: ["amd-neuron"])
        #expect(try await harness.liveWeights(F.sd21Listener) == expected)
        #expect((expected[F.targetGroup("sd21-inf2")] ?? 0) == 0)
        #expect((expected[F.targetGroup("sd21-trn1")] ?? 0) == 0)
        #expect(try await harness.expectedWeights("sd21", .cost) != expected)

        let switches = try await harness.failoverAudit(action: .switch)
        let event = try #require(switches.first)
        #expect(switches.count == 1)
        #expect(event.name == "sd21")
        #expect(event.actor == FailoverController.auditActor)
        #expect(event.after?.contains("InsufficientCapacityError") == true)
        #expect(event.after?.contains("\"configuration\":\"capacity\"") == true)
        #expect(event.before?.contains("\"configuration\":\"cost\"") == true)
        #expect(event.reason?.contains("amd-neuron") == true)

        let status = try await harness.controller.status()
        let sd21 = try #require(status.models.first { $0.model == "sd21" })
        #expect(sd21.configuration == "capacity")
        #expect(sd21.since == F.t0)
        #expect(sd21.reason == .poolShort)
        #expect(sd21.evidence.map(\.pool) == ["amd-neuron"])
        let neuron = try #require(status.pools.first { $0.pool == "amd-neuron" })
        #expect(neuron.state == "short")
        #expect(neuron.latestEvidence?.reason == "InsufficientCapacityError")
        #expect(try await harness.database.pendingCapacitySignals().isEmpty)
    }

    @Test("a second pass with nothing new changes and pushes nothing")
    func passIsIdempotent() async throws {
        let harness = try await FailoverHarness.make()
        try await harness.controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)
        try await harness.controller.pass(now: F.t0)
        let writes = await harness.loadBalancer.writes.count

        let again = try await harness.controller.pass(now: F.t0)

        #expect(again.outcome == .unchanged)
        #expect(again.committed.isEmpty)
        #expect(await harness.loadBalancer.writes.count == writes)
        #expect(try await harness.failoverAudit(action: .switch).count == 1)
    }

    @Test("a shortage in a pool the model does not use leaves it alone")
    func unusedPoolChangesNothing() async throws {
        let harness = try await FailoverHarness.make()
        try await harness.controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)

        let report = try await harness.controller.pass(now: F.t0)

        #expect(!report.committed.map(\.model).contains("llm"))
        #expect(await harness.pusher.pushes.allSatisfy { !$0.contains("llm") })
        #expect(try await harness.loadBalancer.listenerForward(listenerARN: F.llmListener).targetGroups.isEmpty)
        let status = try await harness.controller.status()
        #expect(status.models.first { $0.model == "llm" }?.configuration == "cost")
        #expect(status.models.first { $0.model == "llm" }?.costPools == ["amd-nvidia"])
        #expect(try await harness.failoverAudit(action: .switch).map(\.name) == ["sd21"])
    }

    @Test("recovery held for the hold time switches back to cost")
    func recoveryHeldSwitchesBack() async throws {
        let harness = try await FailoverHarness.make()
        try await harness.controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)
        try await harness.controller.pass(now: F.t0)
        let recoveredAt = F.t0.addingTimeInterval(120)
        try await harness.controller.report(F.recovery("amd-neuron", at: recoveredAt), context: F.operatorContext)

        let early = try await harness.controller.pass(now: recoveredAt.addingTimeInterval(599))
        #expect(early.committed.isEmpty)
        let recovering = try await harness.controller.status()
        #expect(recovering.pools.first { $0.pool == "amd-neuron" }?.state == "recovering")
        #expect(recovering.pools.first { $0.pool == "amd-neuron" }?.healthyAt == recoveredAt.addingTimeInterval(600))

        let back = try await harness.controller.pass(now: recoveredAt.addingTimeInterval(600))

        #expect(back.committed.map(\.to) == [.cost])
        #expect(back.committed.first?.reason == .poolsRecovered)
        #expect(try await harness.liveWeights(F.sd21Listener) == (try await harness.expectedWeights("sd21", .cost)))
        let switches = try await harness.failoverAudit(action: .switch)
        #expect(switches.count == 2)
        #expect(switches.last?.after?.contains("\"configuration\":\"cost\"") == true)
        #expect(try await harness.controller.status().pools.first { $0.pool == "amd-neuron" }?.state == "healthy")
    }

    @Test("flapping signals inside the hold time do not switch back")
    func flappingDoesNotSwitchBack() async throws {
        let harness = try await FailoverHarness.make()
        let controller = harness.controller
        try await controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)
        try await controller.pass(now: F.t0)
        // Recovered, short again, recovered again: each recovery restarts the hold time.
        for (offset, signal) in [
            (100.0, F.recovery("amd-neuron", at: F.t0.addingTimeInterval(100))),
            (400.0, F.shortage("amd-neuron", at: F.t0.addingTimeInterval(400))),
            (500.0, F.recovery("amd-neuron", at: F.t0.addingTimeInterval(500))),
        ] {
            try await controller.report(signal, context: F.operatorContext)
            let report = try await controller.pass(now: F.t0.addingTimeInterval(offset))
            #expect(report.committed.isEmpty)
        }
        // 700 s after the first recovery, but only 599 s after the last one.
        let stillHeld = try await controller.pass(now: F.t0.addingTimeInterval(1099))
        #expect(stillHeld.committed.isEmpty)
        #expect(try await controller.status().models.first { $0.model == "sd21" }?.configuration == "capacity")

        let back = try await controller.pass(now: F.t0.addingTimeInterval(1100))
        #expect(back.committed.map(\.to) == [.cost])
        #expect(try await harness.failoverAudit(action: .switch).count == 2)
    }

    @Test("a pin overrides shortage and recovery until unpinned")
    func pinOverridesBoth() async throws {
        let harness = try await FailoverHarness.make()
        let controller = harness.controller
        try await controller.pin(model: "sd21", to: .capacity, context: F.operatorContext)
        let pinned = try await controller.pass(now: F.t0)
        #expect(pinned.committed.map(\.to) == [.capacity])
        #expect(pinned.committed.first?.reason == .pinned)

        // Pinned to cost while the neuron pool is short: stays on cost.
        try await controller.report(F.shortage("amd-neuron", at: F.t0.addingTimeInterval(100)), context: F.operatorContext)
        try await controller.pin(model: "sd21", to: .cost, context: F.operatorContext)
        let toCost = try await controller.pass(now: F.t0.addingTimeInterval(100))
        #expect(toCost.committed.map(\.to) == [.cost])
        let heldOnCost = try await controller.pass(now: F.t0.addingTimeInterval(1000))
        #expect(heldOnCost.committed.isEmpty)
        #expect(try await controller.status().models.first { $0.model == "sd21" }?.pin == "cost")

        // Unpinned: the shortage decides again.
        try await controller.unpin(model: "sd21", context: F.operatorContext)
        let unpinned = try await controller.pass(now: F.t0.addingTimeInterval(1001))
        #expect(unpinned.committed.map(\.to) == [.capacity])
        #expect(unpinned.committed.first?.reason == .poolShort)
        #expect(try await harness.failoverAudit(action: .pin).count == 2)
        #expect(try await harness.failoverAudit(action: .unpin).count == 1)
        await #expect(throws: FailoverError.unknownModel("nope")) {
            try await controller.pin(model: "nope", to: .capacity, context: F.operatorContext)
        }
    }

    @Test("a failed push leaves the committed state as it was, is audited, and is retried by the next pass")
    func failedPushIsRetried() async throws {
        let harness = try await FailoverHarness.make()
        try await harness.controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)
        await harness.pusher.failNext(1)

        let failed = try await harness.controller.pass(now: F.t0)

        #expect(failed.outcome == .pushFailed)
        #expect(failed.failed["sd21"]?.contains("listener unreachable") == true)
        #expect(await harness.loadBalancer.writes.isEmpty)
        let state = try await harness.database.failoverState()
        #expect(state.routing(of: "sd21").configuration == .cost)
        #expect(state.health(of: "amd-neuron").isShort)
        #expect(try await harness.database.pendingCapacitySignals().isEmpty)
        #expect(try await harness.routingInForceStrategies() == [:])
        let failures = try await harness.failoverAudit(action: .switchFailed)
        #expect(failures.count == 1)
        #expect(failures.first?.reason?.contains("listener unreachable") == true)
        #expect(try await harness.failoverAudit(action: .switch).isEmpty)

        let retried = try await harness.controller.pass(now: F.t0.addingTimeInterval(5))

        #expect(retried.outcome == .switched)
        #expect(retried.committed.map(\.to) == [.capacity])
        #expect(try await harness.liveWeights(F.sd21Listener)
            == (try await harness.expectedWeights("sd21", .capacity, shortPools: ["amd-neuron"])))
        #expect(try await harness.database.verifyAuditChain().valid)
    }

    @Test("a report for an unknown pool is refused and records nothing")
    func unknownPoolRefused() async throws {
        let harness = try await FailoverHarness.make()
        await #expect(throws: FailoverError.unknownPool("gpu-x")) {
            try await harness.controller.report(F.shortage("gpu-x", at: F.t0), context: F.operatorContext)
        }
        #expect(try await harness.database.pendingCapacitySignals().isEmpty)
    }
}

extension FailoverHarness {
    func routingInForceStrategies() async throws -> [String: StrategyKind] {
        try await controller.routingInForce().strategies
    }
}

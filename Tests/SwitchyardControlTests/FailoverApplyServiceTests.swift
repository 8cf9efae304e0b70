import Foundation
import SwitchyardAdapters
import SwitchyardFakes
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// The failover controller pushing through the real apply pipeline (ELBv2 applier, in-memory load balancer),
/// wired as the process wires it: the controller hands the ApplyService the routing to push.
@Suite("Failover through the apply pipeline")
struct FailoverApplyServiceTests {
    typealias F = FailoverFixtures

    struct Wiring {
        let database: AppDatabase
        let loadBalancer: InMemoryLoadBalancer
        let apply: ApplyService
        let controller: FailoverController
    }

    static func wire() async throws -> Wiring {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(F.fleet, dryRun: false, context: ChangeContext(actor: "test", requestID: "import"))
        let loadBalancer = InMemoryLoadBalancer()
        await loadBalancer.putListener(F.llmListener)
        let apply = ApplyService(database: database, appliers: [ELBv2Applier(loadBalancer: loadBalancer)])
        let controller = FailoverController(database: database, pusher: apply)
        return Wiring(database: database, loadBalancer: loadBalancer, apply: apply, controller: controller)
    }

    static func weights(_ builder: DesiredStateBuilder = DesiredStateBuilder(), fleet: Fleet, _ strategies: [String: StrategyKind], _ short: Set<String>) throws -> [WeightedTargetGroup] {
        let desired = builder.build(fleet: fleet, strategies: strategies, shortPools: short, models: ["sd21"])
        let forward = try #require(desired.manifests.forwardConfigs.first)
        return ForwardState(targetGroups: forward.forwardConfig.targetGroups.map {
            WeightedTargetGroup(targetGroupARN: $0.targetGroupArn, weight: $0.weight)
        }).targetGroups
    }

    @Test("the routing a failover push hands down stays in force for an operator's apply until the pass settles")
    func handedDownRoutingUntilSettled() async throws {
        let wiring = try await Self.wire()
        await wiring.loadBalancer.putListener(F.sd21Listener)
        let fleet = try await wiring.database.fleetSnapshot()
        let capacity = RoutingInForce(strategies: ["sd21": .capacity], shortPools: ["amd-neuron"])
        let failures = try await wiring.apply.push(FailoverPush(
            models: ["sd21"], routing: capacity, fleet: fleet, context: F.operatorContext))
        #expect(failures.isEmpty)
        let pushed = try await wiring.loadBalancer.listenerForward(listenerARN: F.sd21Listener).targetGroups
        #expect(pushed == (try Self.weights(fleet: F.fleet, ["sd21": .capacity], ["amd-neuron"])))

        // Before the pass commits, an operator applies sd21: the capacity weights stay.
        #expect(try await wiring.apply.routingInForce() == capacity)
        _ = try await wiring.apply.apply(models: ["sd21"], context: F.operatorContext)
        #expect(try await wiring.loadBalancer.listenerForward(listenerARN: F.sd21Listener).targetGroups == pushed)

        // Settled without a commit (as after a failed pass): the stored routing is in force again.
        await wiring.apply.settle()
        #expect(try await wiring.apply.routingInForce() == RoutingInForce())
    }

    @Test("a listener the push cannot reach fails the switch; once it exists the next pass pushes the capacity weights")
    func pushFailureThenSuccess() async throws {
        let wiring = try await Self.wire()
        try await wiring.controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)

        let failed = try await wiring.controller.pass(now: F.t0)

        #expect(failed.outcome == .pushFailed)
        #expect(failed.failed.keys.sorted() == ["sd21"])
        #expect(try await wiring.database.failoverState().routing(of: "sd21").configuration == .cost)
        #expect(try await wiring.controller.routingInForce() == RoutingInForce(shortPools: ["amd-neuron"]))
        let pushAudit = try await wiring.database.auditEvents(AuditFilter(kind: .push), limit: 100).items
        #expect(pushAudit.contains { $0.action.rawValue.contains("failed") }, "the apply pipeline audited the failed push")

        await wiring.loadBalancer.putListener(F.sd21Listener)
        let retried = try await wiring.controller.pass(now: F.t0.addingTimeInterval(1))

        #expect(retried.outcome == .switched)
        let live = try await wiring.loadBalancer.listenerForward(listenerARN: F.sd21Listener).targetGroups
        #expect(live == (try Self.weights(fleet: F.fleet, ["sd21": .capacity], ["amd-neuron"])))
        #expect(try await wiring.controller.routingInForce() == RoutingInForce(strategies: ["sd21": .capacity], shortPools: ["amd-neuron"]))
        // What the pipeline now diffs against is what the failover pushed: nothing left to apply for sd21.
        #expect(try await wiring.apply.diff(models: ["sd21"]).isEmpty)
    }
}

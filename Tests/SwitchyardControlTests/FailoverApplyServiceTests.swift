import Foundation
import SwitchyardAdapters
import SwitchyardFakes
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// The failover controller pushing through the real apply pipeline (ELBv2 applier, in-memory load balancer),
/// wired as the process wires it: the ApplyService reads the routing in force through a relay to the controller.
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
        let relay = RoutingStateRelay()
        let apply = ApplyService(database: database, appliers: [ELBv2Applier(loadBalancer: loadBalancer)], routingState: relay)
        let controller = FailoverController(database: database, pusher: apply)
        relay.connect(controller)
        return Wiring(database: database, loadBalancer: loadBalancer, apply: apply, controller: controller)
    }

    static func weights(_ builder: DesiredStateBuilder = DesiredStateBuilder(), fleet: Fleet, _ strategies: [String: StrategyKind], _ short: Set<String>) throws -> [WeightedTargetGroup] {
        let desired = builder.build(fleet: fleet, strategies: strategies, shortPools: short, models: ["sd21"])
        let forward = try #require(desired.manifests.forwardConfigs.first)
        return ForwardState(targetGroups: forward.forwardConfig.targetGroups.map {
            WeightedTargetGroup(targetGroupARN: $0.targetGroupArn, weight: $0.weight)
        }).targetGroups
    }

    @Test("a listener the push cannot reach fails the switch; once it exists the next pass pushes the capacity weights")
    func pushFailureThenSuccess() async throws {
        let wiring = try await Self.wire()
        try await wiring.controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)

        let failed = try await wiring.controller.pass(now: F.t0)

        #expect(failed.outcome == .pushFailed)
        #expect(failed.failed.keys.sorted() == ["sd21"])
        #expect(try await wiring.database.failoverState().routing(of: "sd21").configuration == .cost)
        #expect(try await wiring.controller.current() == RoutingOverrides(shortPools: ["amd-neuron"]))
        let pushAudit = try await wiring.database.auditEvents(AuditFilter(kind: "push"), limit: 100).items
        #expect(pushAudit.contains { $0.action.contains("failed") }, "the apply pipeline audited the failed push")

        await wiring.loadBalancer.putListener(F.sd21Listener)
        let retried = try await wiring.controller.pass(now: F.t0.addingTimeInterval(1))

        #expect(retried.outcome == .switched)
        let live = try await wiring.loadBalancer.listenerForward(listenerARN: F.sd21Listener).targetGroups
        #expect(live == (try Self.weights(fleet: F.fleet, ["sd21": .capacity], ["amd-neuron"])))
        #expect(try await wiring.controller.current() == RoutingOverrides(strategies: ["sd21": .capacity], shortPools: ["amd-neuron"]))
        // What the pipeline now diffs against is what the failover pushed: nothing left to apply for sd21.
        #expect(try await wiring.apply.diff(models: ["sd21"]).isEmpty)
    }
}

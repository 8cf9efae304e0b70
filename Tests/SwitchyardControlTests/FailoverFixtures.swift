import Foundation
import Synchronization
import Testing
import SwitchyardAdapters
import SwitchyardFakes
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardStore

/// The demo fleet pushed straight to an ALB listener, plus `llm`, a model served only from the `amd-nvidia` pool.
enum FailoverFixtures {
    static let sd21Listener = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/sd21/1/1"
    static let llmListener = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/llm/2/2"
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    static let operatorContext = ChangeContext(actor: "alice", requestID: "req-1", reason: "seen in the console")

    static func targetGroup(_ unit: String) -> String {
        "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/\(unit)/0"
    }

    static var fleet: Fleet {
        var fleet = DemoFleet.fleet
        fleet.models[0].routing.applier = .elbv2
        fleet.models[0].routing.listenerARN = sd21Listener
        fleet.units = fleet.units.map { unit in
            var unit = unit
            unit.targetGroupARN = targetGroup(unit.name)
            return unit
        }
        fleet.models.append(ServedModel(
            name: "llm", slo: ServiceLevelObjective(latencyThresholdMs: 2000), expectedDemandRPS: 40,
            routing: RoutingSettings(defaultStrategy: .cost, applier: .elbv2, listenerARN: llmListener)))
        for (name, instanceType) in [("llm-g5", "g5.xlarge"), ("llm-g6", "g6.xlarge")] {
            fleet.units.append(DeploymentUnit(
                name: name, model: "llm", instanceType: instanceType, pool: "amd-nvidia", runtime: "vllm",
                image: "public.ecr.aws/switchyard-demo/llm:vllm",
                kubernetes: KubernetesNames(namespace: "llm", deployment: name, service: name),
                targetGroupARN: targetGroup(name), manualBreakingPointRPS: instanceType == "g5.xlarge" ? 30 : 20))
        }
        return fleet
    }

    static func shortage(_ pool: String, at time: Date) -> CapacitySignal {
        CapacitySignal(
            pool: pool, condition: .short, source: .karpenterEvent, reason: "InsufficientCapacityError",
            observedAt: time, evidence: "NodeClaim \(pool)-abcde: insufficient capacity")
    }

    /// What the Karpenter event observer reports once its quiet period passes without a new shortage event: the
    /// recovery of the source that reported the shortage.
    static func recovery(_ pool: String, at time: Date) -> CapacitySignal {
        CapacitySignal(
            pool: pool, condition: .recovered, source: .karpenterEvent, reason: "NoInsufficientCapacityEvents",
            observedAt: time, evidence: "no InsufficientCapacityError for 180 s")
    }
}

/// Pushes each model's ELBv2 forward config, planned from the routing the controller hands down, to an
/// in-memory load balancer; can be told to fail.
actor LoadBalancerPusher: FailoverPushing {
    let database: AppDatabase
    let loadBalancer: InMemoryLoadBalancer
    private var failuresLeft = 0
    private(set) var pushes: [Set<String>] = []

    init(database: AppDatabase, loadBalancer: InMemoryLoadBalancer) {
        self.database = database
        self.loadBalancer = loadBalancer
    }

    func failNext(_ count: Int) {
        failuresLeft = count
    }

    func push(_ push: FailoverPush) async throws -> [String: String] {
        pushes.append(push.models)
        if failuresLeft > 0 {
            failuresLeft -= 1
            throw AWSError.invalidRequest("listener unreachable")
        }
        let fleet = push.fleet
        let desired = DesiredStateBuilder().build(
            fleet: fleet, strategies: push.routing.strategies, shortPools: push.routing.shortPools, models: push.models)
        for forward in desired.manifests.forwardConfigs {
            guard let listener = fleet.models.first(where: { $0.name == forward.model })?.routing.listenerARN else { continue }
            try await loadBalancer.setListenerForward(
                listenerARN: listener,
                targetGroups: forward.forwardConfig.targetGroups.map {
                    WeightedTargetGroup(targetGroupARN: $0.targetGroupArn, weight: $0.weight)
                },
                stickinessSeconds: forward.forwardConfig.targetGroupStickinessConfig.durationSeconds)
        }
        return [:]
    }

    func settle() async {}
}

/// A controller over an in-memory store holding the fixture fleet, pushing to an in-memory load balancer.
struct FailoverHarness {
    let database: AppDatabase
    let loadBalancer: InMemoryLoadBalancer
    let pusher: LoadBalancerPusher
    let controller: FailoverController

    static func make(
        settings: FailoverSettings = FailoverSettings(holdTime: 600, minimumDwell: 60),
        leadership: any Leadership = SingleReplicaLeadership()
    ) async throws -> FailoverHarness {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(
            FailoverFixtures.fleet, dryRun: false, context: ChangeContext(actor: "test", requestID: "import"))
        let loadBalancer = InMemoryLoadBalancer()
        await loadBalancer.putListener(FailoverFixtures.sd21Listener)
        await loadBalancer.putListener(FailoverFixtures.llmListener)
        let pusher = LoadBalancerPusher(database: database, loadBalancer: loadBalancer)
        let controller = FailoverController(database: database, pusher: pusher, leadership: leadership, settings: settings)
        return FailoverHarness(database: database, loadBalancer: loadBalancer, pusher: pusher, controller: controller)
    }

    /// The weights the planner gives `model` under `strategy` with `shortPools`, by target group.
    func expectedWeights(_ model: String, _ strategy: StrategyKind, shortPools: Set<String> = []) async throws -> [String: Int] {
        let fleet = try await database.fleetSnapshot()
        let desired = DesiredStateBuilder().build(
            fleet: fleet, strategies: [model: strategy], shortPools: shortPools, models: [model])
        let forward = try #require(desired.manifests.forwardConfigs.first { $0.model == model })
        return Dictionary(uniqueKeysWithValues: forward.forwardConfig.targetGroups.map { ($0.targetGroupArn, $0.weight) })
    }

    /// The weights on a listener now, by target group.
    func liveWeights(_ listener: String) async throws -> [String: Int] {
        let state = try await loadBalancer.listenerForward(listenerARN: listener)
        return Dictionary(uniqueKeysWithValues: state.targetGroups.map { ($0.targetGroupARN, $0.weight) })
    }

    func failoverAudit(action: AuditAction? = nil) async throws -> [AuditEvent] {
        try await database.auditEvents(AuditFilter(kind: .failover), limit: 500).items
            .filter { action == nil || $0.action == action }
    }
}

/// A time a test moves by hand, readable from any task.
final class TestTime: Sendable {
    private let value: Mutex<Date>

    init(_ start: Date) {
        value = Mutex(start)
    }

    var now: Date { value.withLock { $0 } }

    func advance(by seconds: TimeInterval) {
        value.withLock { $0 = $0.addingTimeInterval(seconds) }
    }
}

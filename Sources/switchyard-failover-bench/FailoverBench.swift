import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Synchronization

/// The fleet, the fake cluster and the moto ALB the benchmark runs against. `sd21` is pushed to the ALB listener;
/// `llm` to the cluster, so drift correction has objects to read back there.
struct FailoverBench {
    enum Scenario: String, CaseIterable {
        case quiet
        case hangingDrift = "hanging drift"
        case watchOutage = "watch outage"
    }

    let kubernetesServer: FakeKubernetesAPIServer
    let kubernetes: LiveKubernetesClient
    let alb: MotoLoadBalancer
    let fleet: Fleet
    let costWeights: [String: Int]
    let capacityWeights: [String: Int]
    static let claim = "amd-neuron-bench1"

    static func make(kubernetesServer: FakeKubernetesAPIServer, moto: MotoServer) async throws -> FailoverBench {
        let baseURL = try await kubernetesServer.start()
        let kubernetes = try LiveKubernetesClient(
            configuration: KubernetesClientConfiguration(server: baseURL, credentials: .token("bench")),
            watchRestartDelay: .milliseconds(50))
        let alb = try await MotoLoadBalancer.create(on: moto, units: DemoFleet.units.map(\.name), name: "switchyard-bench")
        var fleet = DemoFleet.fleet
        fleet.models[0].routing.applier = .elbv2
        fleet.models[0].routing.listenerARN = alb.listenerARN
        for index in fleet.units.indices { fleet.units[index].targetGroupARN = alb.targetGroups[fleet.units[index].name] }
        fleet.models.append(ServedModel(
            name: "llm", slo: ServiceLevelObjective(latencyThresholdMs: 2000), expectedDemandRPS: 40,
            routing: RoutingSettings(defaultStrategy: .cost, applier: .kubernetes)))
        fleet.units.append(DeploymentUnit(
            name: "llm-g5", model: "llm", instanceType: "g5.xlarge", pool: "amd-nvidia", runtime: "vllm",
            image: "public.ecr.aws/switchyard-demo/llm:vllm",
            kubernetes: KubernetesNames(namespace: "default", deployment: "llm-g5", service: "llm-g5"),
            manualBreakingPointRPS: 30))

        // The NodeClaim Karpenter failed to launch, labelled with its pool.
        try await kubernetesServer.store.put(.object([
            .init("apiVersion", .string("karpenter.sh/v1")), .init("kind", .string("NodeClaim")),
            .init("metadata", .object([
                .init("name", .string(claim)), .init("labels", .object([.init(RenderLabels.nodePool, .string("amd-neuron"))])),
            ])),
        ]), at: ResourcePath(group: "karpenter.sh", version: "v1", resource: "nodeclaims", name: claim))

        let builder = DesiredStateBuilder()
        func listenerWeights(_ strategies: [String: StrategyKind], _ shortPools: Set<String>) throws -> [String: Int] {
            let desired = builder.build(fleet: fleet, strategies: strategies, shortPools: shortPools, models: ["sd21"])
            guard let forward = desired.manifests.forwardConfigs.first else { throw BenchError.failed("no forward config for sd21") }
            return Dictionary(uniqueKeysWithValues: forward.forwardConfig.targetGroups.map { ($0.targetGroupArn, $0.weight) })
        }
        let costWeights = try listenerWeights([:], [])
        let capacityWeights = try listenerWeights(["sd21": .capacity], ["amd-neuron"])
        guard costWeights != capacityWeights else { throw BenchError.failed("cost and capacity weights are the same") }
        return FailoverBench(
            kubernetesServer: kubernetesServer, kubernetes: kubernetes, alb: alb, fleet: fleet, costWeights: costWeights,
            capacityWeights: capacityWeights)
    }

    /// A control plane wired as `serve` wires it (the 1.5 s failover push timeout), its first apply setting the
    /// cost weights on the listener.
    struct ControlPlane {
        let database: AppDatabase
        let apply: ApplyService
        let controller: FailoverController
    }

    func controlPlane(_ label: String) async throws -> ControlPlane {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(fleet, dryRun: false, context: ChangeContext(actor: "bench", requestID: "import-\(label)"))
        let apply = ApplyService(
            database: database, appliers: [ELBv2Applier(loadBalancer: alb.elbv2), KubernetesApplier(api: kubernetes)],
            failoverPushTimeout: .milliseconds(1500))
        let controller = FailoverController(database: database, pusher: apply)
        let initial = try await apply.apply(models: nil, context: ChangeContext(actor: "bench", requestID: "initial-\(label)"))
        guard initial.succeeded, try await alb.weights() == costWeights else {
            throw BenchError.failed("the initial apply did not set the cost weights: \(initial.failures)")
        }
        return ControlPlane(database: database, apply: apply, controller: controller)
    }

    func measure(_ scenario: Scenario, runs: Int) async throws -> [Duration] {
        var figures: [Duration] = []
        for run in 1...runs {
            let plane = try await controlPlane("\(scenario.rawValue)-\(run)")
            let observer = KarpenterEventObserver(kubernetes: kubernetes, knownPools: Set(fleet.pools.map(\.name)))
            let loop = FailoverLoop(controller: plane.controller, observers: [observer])
            let running = Task { await loop.runUntilCancelled() }
            // Let the observer list and open its watch, so the event below is news to it.
            try await waitFor("the observer's watch") { plane.controller.observerHealth.snapshot().first?.state == .watching }
            try await Task.sleep(for: .milliseconds(200))

            var drift: Task<DriftReport, any Error>?
            switch scenario {
            case .quiet:
                break
            case .hangingDrift:
                await kubernetesServer.clearReceivedRequests()
                await kubernetesServer.injectHang(count: 1, method: "GET")
                drift = Task { try await DriftCorrector(applyService: plane.apply).correctOnce() }
                try await waitFor("the drift pass's GET") {
                    await kubernetesServer.receivedRequests().contains { $0.method == "GET" && $0.query["watch"] == nil }
                }
            case .watchOutage:
                await kubernetesServer.injectFaults(100_000, status: 503)
                await kubernetesServer.store.closeWatches()
                try await Task.sleep(for: .seconds(1))
                await kubernetesServer.clearFaults()
            }

            let injected = ContinuousClock.now
            try await kubernetesServer.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "karpenter.sh/v1", kind: "NodeClaim", namespace: nil, name: Self.claim),
                reason: KarpenterEventObserver.reason,
                message: "NodeClaim \(Self.claim) event: creating instance, insufficient capacity, all requested instance types were unavailable during launch")
            var reacted: Duration?
            while ContinuousClock.now - injected < .seconds(30) {
                if try await alb.weights() == capacityWeights {
                    reacted = ContinuousClock.now - injected
                    break
                }
                try await Task.sleep(for: .milliseconds(5))
            }
            guard let reacted else {
                throw BenchError.failed("\(scenario.rawValue) run \(run): the capacity weights did not reach the listener within 30 s")
            }
            figures.append(reacted)
            if let drift {
                guard try await drift.value.preempted else { throw BenchError.failed("the hanging drift pass was not preempted") }
                await kubernetesServer.releaseHung()
            }
            running.cancel()
            await running.value

            let switches = try await plane.database.auditEvents(AuditFilter(kind: .failover)).items
                .filter { $0.action == .switch }
            guard switches.count == 1, switches[0].after?.contains("InsufficientCapacityError") == true else {
                throw BenchError.failed("\(scenario.rawValue) run \(run): the switch was not audited with its evidence")
            }
        }
        return figures
    }

    /// Capacity returns: an operator reports it, the hold time passes, and the periodic pass switches back.
    func switchBack() async throws -> Duration {
        let plane = try await controlPlane("switch-back")
        let time = ShiftedTime()
        let loop = FailoverLoop(controller: plane.controller, now: { time.now })
        let running = Task { await loop.runUntilCancelled() }
        defer { running.cancel() }
        try await plane.controller.report(
            CapacitySignal(pool: "amd-neuron", condition: .short, source: .operator, reason: "InsufficientCapacityError",
                           observedAt: time.now, evidence: "bench"),
            context: ChangeContext(actor: "bench", requestID: "short"))
        try await waitFor("the switch to capacity") { try await alb.weights() == capacityWeights }
        time.skip(FailoverSettings().minimumDwell + 1)
        try await plane.controller.report(
            CapacitySignal(pool: "amd-neuron", condition: .recovered, source: .operator, reason: "OfferingsAvailable",
                           observedAt: time.now, evidence: "inf2 launches succeed again"),
            context: ChangeContext(actor: "bench", requestID: "recovered"))
        try await Task.sleep(for: .milliseconds(200))
        guard try await alb.weights() == capacityWeights else { throw BenchError.failed("switched back before the hold time") }
        time.skip(FailoverSettings().holdTime + 1)
        let skipped = ContinuousClock.now
        try await waitFor("the switch back to cost") { try await alb.weights() == costWeights }
        return ContinuousClock.now - skipped
    }

    private func waitFor(_ what: String, _ condition: () async throws -> Bool) async throws {
        let start = ContinuousClock.now
        while ContinuousClock.now - start < .seconds(30) {
            if try await condition() { return }
            try await Task.sleep(for: .milliseconds(5))
        }
        throw BenchError.failed("\(what) did not happen within 30 s")
    }
}

/// Wall-clock time shifted by what the benchmark skips ahead, so the hold time need not be waited out.
final class ShiftedTime: Sendable {
    private let offset = Mutex<TimeInterval>(0)
    var now: Date { Date().addingTimeInterval(offset.withLock { $0 }) }
    func skip(_ seconds: TimeInterval) { offset.withLock { $0 += seconds } }
}

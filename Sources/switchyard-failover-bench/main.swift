// Reaction benchmark: how long from a Karpenter InsufficientCapacityError event for the neuron pool to the
// ALB listener (moto) carrying the capacity weights, with the failover loop at its default settings.
import Foundation
import Logging
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore

let runs = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5
let goal: Duration = .seconds(2)
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = ProcessInfo.processInfo.environment["BENCH_LOG"] == nil ? .critical : .debug
    return handler
}

let moto = try await MotoProcess.start()
let kubernetesServer = FakeKubernetesAPIServer()
do {
    let figures = try await measure(runs: runs)
    let sorted = figures.sorted()
    let median = sorted[sorted.count / 2]
    print("failover reaction (InsufficientCapacityError event -> capacity weights on the ALB listener), \(runs) runs:")
    for (index, figure) in figures.enumerated() { print("  run \(index + 1): \(milliseconds(figure))") }
    print("min \(milliseconds(sorted.first!))  median \(milliseconds(median))  max \(milliseconds(sorted.last!))  goal < \(milliseconds(goal))")
    print(sorted.last! < goal ? "within goal" : "GOAL MISSED")
} catch {
    print("benchmark failed: \(error)")
}
await kubernetesServer.stop()
moto.stop()

func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.0f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
}

func measure(runs: Int) async throws -> [Duration] {
    let baseURL = try await kubernetesServer.start()
    let kubernetes = try LiveKubernetesClient(
        configuration: KubernetesClientConfiguration(server: baseURL, credentials: .token("bench")),
        watchRestartDelay: .milliseconds(50))
    defer { Task { try? await kubernetes.shutdown() } }
    let alb = try await MotoLoadBalancer.create(at: moto.endpoint, units: DemoFleet.units.map(\.name))
    var fleet = DemoFleet.fleet
    fleet.models[0].routing.applier = .elbv2
    fleet.models[0].routing.listenerARN = alb.listenerARN
    for index in fleet.units.indices { fleet.units[index].targetGroupARN = alb.targetGroups[fleet.units[index].name] }

    // The NodeClaim Karpenter failed to launch, labelled with its pool.
    let claim = "amd-neuron-bench1"
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

    var figures: [Duration] = []
    for run in 1...runs {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(fleet, dryRun: false, context: ChangeContext(actor: "bench", requestID: "import-\(run)"))
        let relay = RoutingStateRelay()
        let apply = ApplyService(database: database, appliers: [ELBv2Applier(loadBalancer: alb.elbv2)], routingState: relay)
        let controller = FailoverController(database: database, pusher: apply)
        relay.connect(controller)

        // Start from the cost weights, as a running fleet would be.
        _ = try await apply.apply(models: nil, context: ChangeContext(actor: "bench", requestID: "initial-\(run)"))
        guard try await alb.weights() == costWeights else { throw BenchError.failed("the initial apply did not set the cost weights") }

        let observer = KarpenterEventObserver(kubernetes: kubernetes, knownPools: Set(fleet.pools.map(\.name)))
        let loop = FailoverLoop(controller: controller, observers: [observer])
        let running = Task { await loop.runUntilCancelled() }
        // Let the observer list and open its watch, so the event below is news to it.
        try await Task.sleep(for: .milliseconds(500))

        let injected = ContinuousClock.now
        try await kubernetesServer.store.recordEvent(
            involvedObject: ObjectIdentity(apiVersion: "karpenter.sh/v1", kind: "NodeClaim", namespace: nil, name: claim),
            reason: "InsufficientCapacityError",
            message: "NodeClaim \(claim) event: creating instance, insufficient capacity, all requested instance types were unavailable during launch")
        var reacted: Duration?
        while ContinuousClock.now - injected < .seconds(30) {
            if try await alb.weights() == capacityWeights {
                reacted = ContinuousClock.now - injected
                break
            }
            try await Task.sleep(for: .milliseconds(5))
        }
        running.cancel()
        await running.value
        guard let reacted else { throw BenchError.failed("run \(run): the capacity weights did not reach the listener within 30 s") }
        figures.append(reacted)

        let switches = try await database.auditEvents(AuditFilter(kind: AppDatabase.failoverAuditKind)).items.filter { $0.action == "switch" }
        guard switches.count == 1, switches[0].after?.contains("InsufficientCapacityError") == true else {
            throw BenchError.failed("run \(run): the switch was not audited with its evidence")
        }
    }
    return figures
}

import Foundation
import SwitchyardAdapters
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

/// Karpenter interruption warnings against the fake API server: only the warned node's share of traffic moves.
@Suite("Node interruption warnings")
struct NodeWarningTests {
    static let nodes = ResourcePath(group: "", version: "v1", resource: "nodes")
    static let pods = ResourcePath(group: "", version: "v1", resource: "pods", namespace: DemoFleet.namespace)
    static let ingress = ResourcePath(
        group: "networking.k8s.io", version: "v1", resource: "ingresses", namespace: DemoFleet.namespace, name: "sd21")
    static let scaledObjects = ResourcePath(
        group: "keda.sh", version: "v1alpha1", resource: "scaledobjects", namespace: DemoFleet.namespace)

    static func node(_ name: String, pool: String) -> JSONValue {
        .object([
            .init("apiVersion", .string("v1")), .init("kind", .string("Node")),
            .init("metadata", .object([
                .init("name", .string(name)),
                .init("labels", .object([
                    .init(RenderLabels.pool, .string(pool)), .init(RenderLabels.nodePool, .string(pool + "-spot")),
                    .init(RenderLabels.capacityType, .string("spot")),
                    .init("node.kubernetes.io/instance-type", .string("inf2.xlarge")),
                ])),
            ])),
        ])
    }

    static func pod(_ name: String, unit: String, node: String) -> JSONValue {
        .object([
            .init("apiVersion", .string("v1")), .init("kind", .string("Pod")),
            .init("metadata", .object([
                .init("name", .string(name)), .init("namespace", .string(DemoFleet.namespace)),
                .init("labels", .object([.init(RenderLabels.unit, .string(unit)), .init(RenderLabels.model, .string("sd21"))])),
            ])),
            .init("spec", .object([.init("nodeName", .string(node))])),
            .init("status", .object([.init("phase", .string("Running"))])),
        ])
    }

    /// The ALB weight per Service in the Ingress the fake API server holds.
    static func weights(_ server: FakeKubernetesAPIServer) async throws -> [String: Int] {
        let ingress = try await server.store.get(Self.ingress)
        guard case .object(let annotations)? = ingress["metadata"]?["annotations"],
              let action = annotations.first(where: { $0.key.hasPrefix("alb.ingress.kubernetes.io/actions.") })?.value.stringValue,
              let document = try JSONSerialization.jsonObject(with: Data(action.utf8)) as? [String: Any],
              let forward = document["forwardConfig"] as? [String: Any],
              let groups = forward["targetGroups"] as? [[String: Any]]
        else { return [:] }
        var weights: [String: Int] = [:]
        for group in groups {
            if let service = group["serviceName"] as? String, let weight = group["weight"] as? Int { weights[service] = weight }
        }
        return weights
    }

    static func minReplicas(_ server: FakeKubernetesAPIServer, unit: String) async throws -> Int? {
        let object = try await server.store.get(Self.scaledObjects.named(unit + "-hpa"))
        return object["spec"]?["minReplicaCount"]?.numberValue.map { Int($0) }
    }

    /// The demo fleet pushed to the fake API server, with `sd21-inf2` on two nodes (one to be warned) and the other
    /// units on nodes of their own.
    static func seed(_ server: FakeKubernetesAPIServer, _ apply: ApplyService) async throws {
        _ = try await apply.apply(context: ControlFixtures.context)
        try await server.store.put(Self.node("ip-10-0-3-7", pool: "amd-neuron"), at: Self.nodes.named("ip-10-0-3-7"))
        try await server.store.put(Self.pod("sd21-inf2-a", unit: "sd21-inf2", node: "ip-10-0-3-7"), at: Self.pods.named("sd21-inf2-a"))
        try await server.store.put(Self.pod("sd21-inf2-b", unit: "sd21-inf2", node: "ip-10-0-3-8"), at: Self.pods.named("sd21-inf2-b"))
        try await server.store.put(Self.pod("sd21-trn1-a", unit: "sd21-trn1", node: "ip-10-0-3-9"), at: Self.pods.named("sd21-trn1-a"))
    }

    @Test("a SpotInterrupted warning on a running loop moves only its unit's share at once, asks for a replacement, and is audited with its evidence")
    func warningMovesShare() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
            let board = NodeWarningBoard()
            let apply = ApplyService(database: database, appliers: [KubernetesApplier(api: client)], warnings: board)
            let controller = FailoverController(database: database, pusher: apply, warnings: board)
            try await Self.seed(server, apply)
            let before = try await Self.weights(server)
            let inf2 = try #require(before["sd21-inf2"])
            #expect(inf2 > 0)
            #expect(try await Self.minReplicas(server, unit: "sd21-inf2") == 1)

            let observer = KarpenterEventObserver(kubernetes: client, fleet: StoreFleetView(store: database))
            let loop = FailoverLoop(controller: controller, observers: [observer], interval: .seconds(1))
            let running = Task { await loop.runUntilCancelled() }
            defer { running.cancel() }
            #expect(try await FailoverLoopTests.eventually { await server.store.openWatchCount > 0 })

            let warned = ContinuousClock.now
            try await server.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "v1", kind: "Node", namespace: nil, name: "ip-10-0-3-7"),
                reason: "SpotInterrupted", message: "Spot interruption warning was triggered")
            // One of sd21-inf2's two ready replicas is on the node: half its weight moves, the rest stay.
            #expect(try await FailoverLoopTests.eventually { try await Self.weights(server)["sd21-inf2"] == inf2 / 2 })
            // The goal is 2 s from the event to the weights; the bound leaves room for a loaded test machine.
            #expect(ContinuousClock.now - warned < .seconds(10))
            let after = try await Self.weights(server)
            for (service, weight) in before where service != "sd21-inf2" { #expect(after[service] == weight) }
            // The replacement is asked for at once: two ready plus one for the pod on the node.
            #expect(try await Self.minReplicas(server, unit: "sd21-inf2") == 3)
            #expect(try await Self.minReplicas(server, unit: "sd21-trn1") == 1)

            let audit = try await database.auditEvents(AuditFilter(kind: .nodeWarning)).items
            let event = try #require(audit.first)
            #expect(event.name == "ip-10-0-3-7")
            #expect(event.actor == "observer:karpenter-events")
            #expect(event.reason?.contains("SpotInterrupted on ip-10-0-3-7 in pool amd-neuron") == true)
            #expect(event.after?.contains("Spot interruption warning was triggered") == true)
            #expect(event.after?.contains("sd21-inf2") == true)
            // The warning moved the node's share alone: the pool is not short.
            #expect(try await controller.routingInForce().shortPools.isEmpty)
            // `GET /v1/failover` shows it while it holds.
            let shown = try await controller.status().nodeWarnings
            #expect(shown.map(\.node) == ["ip-10-0-3-7"])
            #expect(shown.first?.units == [.init(unit: "sd21-inf2", pods: 1, readyReplicas: 2)])
        }
    }

    @Test("when the warning expires, the next pass gives the unit its own weight back")
    func expiryRestores() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
            let time = TestTime(Date())
            let board = NodeWarningBoard(now: { time.now })
            let apply = ApplyService(database: database, appliers: [KubernetesApplier(api: client)], warnings: board)
            let controller = FailoverController(database: database, pusher: apply, warnings: board)
            try await Self.seed(server, apply)
            let before = try await Self.weights(server)
            let now = time.now
            let warning = NodeWarning(
                node: "ip-10-0-3-7", pool: "amd-neuron", capacityType: .spot, reason: "SpotInterrupted", observedAt: now,
                expiresAt: now.addingTimeInterval(1), evidence: "Node ip-10-0-3-7: test",
                units: [.init(unit: "sd21-inf2", pods: 1, readyReplicas: 1)])
            try await controller.warn(warning, context: F.operatorContext)
            _ = try await controller.pass(now: now)
            // A spot reclaim counts toward the learned rate of the unit's family.
            #expect(try await database.spotObservations() == [
                SpotObservation(pool: "amd-neuron", family: "inf2", nodeHours: 0, interruptions: 1),
            ])
            // Its only ready replica is on the node: all of its share moves.
            #expect(try await Self.weights(server)["sd21-inf2"] == 0)
            #expect(try await Self.minReplicas(server, unit: "sd21-inf2") == 2)
            time.advance(by: 1)
            _ = try await controller.pass(now: time.now)
            #expect(try await controller.status().nodeWarnings.isEmpty)
            #expect(try await Self.weights(server) == before)
            #expect(try await Self.minReplicas(server, unit: "sd21-inf2") == 1)
        }
    }

    @Test("the exposure tracker adds the spot nodes' hours per pool and family; on-demand nodes are not counted")
    func exposure() async throws {
        let kubernetes = InMemoryKubernetes()
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
        try await kubernetes.store.put(Self.node("ip-10-0-3-7", pool: "amd-neuron"), at: Self.nodes.named("ip-10-0-3-7"))
        try await kubernetes.store.put(Self.node("ip-10-0-3-8", pool: "amd-neuron"), at: Self.nodes.named("ip-10-0-3-8"))
        var onDemand = Self.node("ip-10-0-3-9", pool: "amd-neuron")
        if case .object(var members) = onDemand, let meta = members.firstIndex(where: { $0.key == "metadata" }),
           case .object(var metadata) = members[meta].value, let labels = metadata.firstIndex(where: { $0.key == "labels" }),
           case .object(var values) = metadata[labels].value
        {
            values = values.map { $0.key == RenderLabels.capacityType ? .init($0.key, .string("on-demand")) : $0 }
            metadata[labels].value = .object(values)
            members[meta].value = .object(metadata)
            onDemand = .object(members)
        }
        try await kubernetes.store.put(onDemand, at: Self.nodes.named("ip-10-0-3-9"))
        let tracker = SpotExposureTracker(kubernetes: kubernetes, store: database, leadership: SingleReplicaLeadership())
        try await tracker.count(over: .seconds(1800))
        try await tracker.count(over: .seconds(900))
        #expect(try await database.spotObservations() == [
            SpotObservation(pool: "amd-neuron", family: "inf2", nodeHours: 1.5, interruptions: 0),
        ])
    }

    typealias F = FailoverFixtures
}

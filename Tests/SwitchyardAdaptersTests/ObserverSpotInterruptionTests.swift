import Foundation
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardFakes
import Testing

@Suite("Karpenter interruption events")
struct ObserverSpotInterruptionTests {
    static let nodes = ResourcePath(group: "", version: "v1", resource: "nodes")

    /// A spot node of one of the per-kind NodePools of `pool`, labelled as Switchyard's NodePools label their nodes.
    static func node(_ name: String, pool: String) -> JSONValue {
        .object([
            .init("apiVersion", .string("v1")), .init("kind", .string("Node")),
            .init("metadata", .object([
                .init("name", .string(name)),
                .init("labels", .object([
                    .init(RenderLabels.pool, .string(pool)),
                    .init(RenderLabels.nodePool, .string(pool + "-spot")),
                    .init(RenderLabels.capacityType, .string("spot")),
                ])),
            ])),
        ])
    }

    @Test("a SpotInterrupted warning on a Node, injected into the fake API server, reports the node's pool short")
    func spotInterruptedNode() async throws {
        try await withFakeCluster { server, client in
            try await server.store.put(Self.node("ip-10-0-3-7", pool: "amd-neuron"), at: Self.nodes.named("ip-10-0-3-7"))
            let observer = KarpenterEventObserver(kubernetes: client, knownPools: ["amd-neuron", "amd-nvidia"])
            let stream = observer.signals()
            let deadline = ContinuousClock.now + .seconds(20)
            while await server.store.openWatchCount == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            try #require(await server.store.openWatchCount > 0)

            try await server.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "v1", kind: "Node", namespace: nil, name: "ip-10-0-3-7"),
                reason: "SpotInterrupted", message: "Spot interruption warning was triggered")
            // How fast is measured where the observer runs alone: `InterruptionWarningProcessTests` times the event to
            // the weights in a serving process. Here the observer shares the test process's two threads with every
            // other test running at once, so the wait is only long enough to tell a signal that comes from none.
            let signal = try #require(await ObserverKarpenterEventTests.firstSignal(stream, within: 60))
            #expect(signal.pool == "amd-neuron")
            #expect(signal.condition == .short)
            #expect(signal.reason == "SpotInterrupted")
            #expect(signal.evidence.contains("ip-10-0-3-7"))
        }
    }

    static func pod(_ name: String, unit: String, node: String) -> JSONValue {
        .object([
            .init("apiVersion", .string("v1")), .init("kind", .string("Pod")),
            .init("metadata", .object([
                .init("name", .string(name)), .init("namespace", .string("sd21")),
                .init("labels", .object([.init(RenderLabels.unit, .string(unit))])),
            ])),
            .init("spec", .object([.init("nodeName", .string(node))])),
            .init("status", .object([.init("phase", .string("Running"))])),
        ])
    }

    /// The first `count` events after the observer reached its source, or fewer when `seconds` pass first.
    static func events(_ stream: AsyncStream<ObserverEvent>, count: Int, within seconds: Int = 20) async -> [ObserverEvent] {
        await withTaskGroup(of: [ObserverEvent].self) { group in
            group.addTask {
                var seen: [ObserverEvent] = []
                for await event in stream where event != .up {
                    seen.append(event)
                    if seen.count == count { break }
                }
                return seen
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return []
            }
            let first = await group.next() ?? []
            group.cancelAll()
            return first
        }
    }

    @Test("a warning on a node running Switchyard pods names their units; the third in ten minutes also makes the pool short")
    func warningThenBurst() async throws {
        let kubernetes = InMemoryKubernetes()
        let pods = ResourcePath(group: "", version: "v1", resource: "pods", namespace: "sd21")
        try await kubernetes.store.put(Self.node("ip-10-0-3-7", pool: "amd-neuron"), at: Self.nodes.named("ip-10-0-3-7"))
        try await kubernetes.store.put(Self.pod("a", unit: "sd21-inf2-spot", node: "ip-10-0-3-7"), at: pods.named("a"))
        try await kubernetes.store.put(Self.pod("b", unit: "sd21-inf2-spot", node: "ip-10-0-3-8"), at: pods.named("b"))
        try await kubernetes.store.put(Self.pod("c", unit: "sd21-trn1", node: "ip-10-0-3-9"), at: pods.named("c"))
        let observer = KarpenterEventObserver(kubernetes: kubernetes, knownPools: ["amd-neuron"])
        let stream = observer.events()
        let collected = Task { await Self.events(stream, count: 4) }
        let deadline = ContinuousClock.now + .seconds(20)
        while await kubernetes.store.openWatchCount == 0, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
        for _ in 0..<3 {
            try await kubernetes.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "v1", kind: "Node", namespace: nil, name: "ip-10-0-3-7"),
                reason: "SpotInterrupted", message: "Spot interruption warning was triggered")
        }
        let events = await collected.value
        try #require(events.count == 4)
        guard case .warning(let warning) = events[0] else {
            Issue.record("expected a node warning, got \(events[0])")
            return
        }
        #expect(warning.node == "ip-10-0-3-7")
        #expect(warning.pool == "amd-neuron")
        #expect(warning.capacityType == .spot)
        #expect(warning.units == [.init(unit: "sd21-inf2-spot", pods: 1, readyReplicas: 2)])
        #expect(warning.expiresAt.timeIntervalSince(warning.observedAt) == 720)
        #expect(warning.evidence.contains("Spot interruption warning was triggered"))
        if case .warning = events[1] {} else { Issue.record("expected a second node warning, got \(events[1])") }
        // The third is still a node warning (its share moves, its reclaim is counted), and the pool is short too.
        if case .warning = events[2] {} else { Issue.record("expected a third node warning, got \(events[2])") }
        guard case .signal(let signal) = events[3] else {
            Issue.record("expected the pool short, got \(events[3])")
            return
        }
        #expect(signal.pool == "amd-neuron")
        #expect(signal.condition == .short)
        #expect(signal.reason == "SpotInterruptionBurst")
        #expect(signal.evidence.contains("3 interruption events in pool amd-neuron"))
    }

    @Test("a per-kind NodePool on a NodeClaim maps back to its pool; events that are neither kind of news are ignored")
    func nodeClaimOfSplitPool() async throws {
        let kubernetes = InMemoryKubernetes()
        let observer = KarpenterEventObserver(kubernetes: kubernetes, knownPools: ["amd-neuron"])
        let claim = ObserverKarpenterEventTests.nodeClaim("claim-x1", pool: "amd-neuron-reserved")
        try await kubernetes.store.put(claim, at: ObserverKarpenterEventTests.nodeClaims.named("claim-x1"))
        #expect(await observer.pool(ofInterrupted: "NodeClaim", name: "claim-x1", message: "") == "amd-neuron")
        #expect(await observer.pool(ofInterrupted: "Node", name: "no-such-node", message: "") == nil)
        #expect(KarpenterEventObserver.interruptionReasons.contains("SpotRebalanceRecommendation"))
    }
}

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

            let warned = ContinuousClock.now
            try await server.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "v1", kind: "Node", namespace: nil, name: "ip-10-0-3-7"),
                reason: "SpotInterrupted", message: "Spot interruption warning was triggered")
            let signal = try #require(await ObserverKarpenterEventTests.firstSignal(stream))
            // The goal is 2 s from the event to the weights; the bound leaves room for a loaded test machine.
            #expect(ContinuousClock.now - warned < .seconds(10))
            #expect(signal.pool == "amd-neuron")
            #expect(signal.condition == .short)
            #expect(signal.reason == "SpotInterrupted")
            #expect(signal.evidence.contains("ip-10-0-3-7"))
        }
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

import Foundation
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardFakes
import Testing

@Suite("Karpenter event observer")
struct ObserverKarpenterEventTests {
    static let nodeClaims = ResourcePath(group: "karpenter.sh", version: "v1", resource: "nodeclaims")

    static func nodeClaim(_ name: String, pool: String) -> JSONValue {
        .object([
            .init("apiVersion", .string("karpenter.sh/v1")), .init("kind", .string("NodeClaim")),
            .init("metadata", .object([
                .init("name", .string(name)),
                .init("labels", .object([.init("karpenter.sh/nodepool", .string(pool))])),
            ])),
        ])
    }

    static func firstSignal(_ stream: AsyncStream<CapacitySignal>, within seconds: Int = 10) async -> CapacitySignal? {
        await withTaskGroup(of: CapacitySignal?.self) { group in
            group.addTask {
                for await signal in stream { return signal }
                return nil
            }
            group.addTask {
                try? await Task.sleep(for: .seconds(seconds))
                return nil
            }
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
    }

    @Test("an InsufficientCapacityError on a NodeClaim, injected into the fake API server, reports the NodeClaim's pool short")
    func eventMapsToNodeClaimPool() async throws {
        try await withFakeCluster { server, client in
            // The claim's name does not reveal the pool: only its label does.
            try await server.store.put(Self.nodeClaim("claim-7f2k9", pool: "amd-neuron"), at: Self.nodeClaims.named("claim-7f2k9"))
            // An old event about another pool, already there before the observer starts, is not news.
            try await server.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "karpenter.sh/v1", kind: "NodeClaim", namespace: nil, name: "amd-nvidia-old12"),
                reason: "InsufficientCapacityError", message: "insufficient capacity")
            let observer = KarpenterEventObserver(kubernetes: client, knownPools: ["amd-neuron", "amd-nvidia"])
            let stream = observer.signals()
            // Events recorded before the observer has listed are old news to it: wait until its watch is open.
            let deadline = ContinuousClock.now + .seconds(20)
            while await server.store.openWatchCount == 0, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            try #require(await server.store.openWatchCount > 0)

            try await server.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "karpenter.sh/v1", kind: "Node", namespace: nil, name: "ip-10-0-0-1"),
                reason: "InsufficientCapacityError", message: "not a NodeClaim")
            try await server.store.recordEvent(
                involvedObject: ObjectIdentity(apiVersion: "karpenter.sh/v1", kind: "NodeClaim", namespace: nil, name: "claim-7f2k9"),
                reason: "InsufficientCapacityError",
                message: "creating instance, insufficient capacity, all requested instance types were unavailable during launch")

            let signal = try #require(await Self.firstSignal(stream))
            #expect(signal.pool == "amd-neuron")
            #expect(signal.condition == .short)
            #expect(signal.source == .karpenterEvent)
            #expect(signal.reason == "InsufficientCapacityError")
            #expect(signal.evidence.contains("claim-7f2k9"))
        }
    }

    @Test("when the NodeClaim is gone the pool comes from the message, else from the claim's generated name")
    func fallbacksWhenNodeClaimIsGone() async throws {
        let kubernetes = InMemoryKubernetes()
        let observer = KarpenterEventObserver(kubernetes: kubernetes, knownPools: ["amd-neuron", "amd-nvidia", "amd"])
        #expect(await observer.pool(ofNodeClaim: "x-1", message: "launching nodeclaim for nodepool \"amd-nvidia\" failed") == "amd-nvidia")
        #expect(await observer.pool(ofNodeClaim: "amd-neuron-q8x2p", message: "insufficient capacity") == "amd-neuron")
        #expect(await observer.pool(ofNodeClaim: "other-q8x2p", message: "insufficient capacity") == nil)
    }

    @Test("no new event for the quiet period reports the pool recovered")
    func quietPeriodRecovers() async throws {
        let kubernetes = InMemoryKubernetes()
        let observer = KarpenterEventObserver(
            kubernetes: kubernetes, knownPools: ["amd-neuron"], quietPeriod: .milliseconds(400))
        var iterator = observer.signals().makeAsyncIterator()
        try await Task.sleep(for: .milliseconds(100))
        try await kubernetes.store.recordEvent(
            involvedObject: ObjectIdentity(apiVersion: "karpenter.sh/v1", kind: "NodeClaim", namespace: nil, name: "amd-neuron-abcde"),
            reason: "InsufficientCapacityError", message: "insufficient capacity")
        let short = try #require(await iterator.next())
        let recovered = try #require(await iterator.next())
        #expect(short.condition == .short)
        #expect(recovered.condition == .recovered)
        #expect(recovered.pool == "amd-neuron")
        // Reported once the quiet period has passed since the shortage, however late this test reads it.
        #expect(recovered.observedAt.timeIntervalSince(short.observedAt) >= 0.4)
    }
}

import SwitchyardAdapters
import SwitchyardCore
import SwitchyardFakes
import Testing

@Suite("Kubernetes watch against the fake API server", .timeLimit(.minutes(1)))
struct KubernetesWatchTests {
    static let pods = ResourcePath(group: "", version: "v1", resource: "pods", namespace: "inference")

    static func pod(_ name: String, phase: String) -> JSONValue {
        .object([
            .init("apiVersion", .string("v1")), .init("kind", .string("Pod")),
            .init("metadata", .object([.init("name", .string(name)), .init("namespace", .string("inference"))])),
            .init("status", .object([.init("phase", .string(phase))])),
        ])
    }

    @Test("a watch from a list's resourceVersion receives ADDED then MODIFIED, with the query the API expects")
    func receivesAddedAndModified() async throws {
        try await withFakeCluster { server, client in
            let start = try await client.list(Self.pods)
            var events = client.watch(Self.pods, from: start.resourceVersion).makeAsyncIterator()

            try await server.store.put(Self.pod("sd21-a", phase: "Pending"), at: Self.pods.named("sd21-a"))
            try await server.store.put(Self.pod("sd21-a", phase: "Running"), at: Self.pods.named("sd21-a"))

            let first = try #require(try await events.next())
            let second = try #require(try await events.next())
            guard case .added(let added) = first, case .modified(let modified) = second else {
                Issue.record("expected ADDED then MODIFIED, got \(first), \(second)")
                return
            }
            #expect(added["status"]?["phase"] == .string("Pending"))
            #expect(modified["status"]?["phase"] == .string("Running"))

            let watch = try #require(await server.receivedRequests().last { $0.query["watch"] != nil })
            #expect(watch.path == "/api/v1/namespaces/inference/pods")
            #expect(watch.query["watch"] == "true")
            #expect(watch.query["allowWatchBookmarks"] == "true")
            #expect(watch.query["resourceVersion"] == start.resourceVersion)
        }
    }

    @Test("Karpenter's InsufficientCapacityError event on a NodeClaim reaches an Events watch")
    func insufficientCapacityEvent() async throws {
        try await withFakeCluster { server, client in
            let events = ResourcePath(group: "", version: "v1", resource: "events")
            var stream = client.watch(events, from: try await client.list(events).resourceVersion).makeAsyncIterator()
            let nodeClaim = ObjectIdentity(apiVersion: "karpenter.sh/v1", kind: "NodeClaim", namespace: nil, name: "amd-neuron-x7k2p")
            try await server.store.recordEvent(
                involvedObject: nodeClaim, reason: "InsufficientCapacityError",
                message: "creating nodeclaim, insufficient capacity, all requested instance types were unavailable during launch")

            let event = try #require(try await stream.next()?.object)
            #expect(event["reason"] == .string("InsufficientCapacityError"))
            #expect(event["involvedObject"]?["kind"] == .string("NodeClaim"))
            #expect(event["involvedObject"]?["name"] == .string("amd-neuron-x7k2p"))
        }
    }

    @Test("when the server closes the stream the watch resumes from the last resourceVersion it saw")
    func resumesAfterServerCloses() async throws {
        try await withFakeCluster { server, client in
            var events = client.watch(Self.pods, from: try await client.list(Self.pods).resourceVersion).makeAsyncIterator()
            let first = try await server.store.put(Self.pod("sd21-a", phase: "Pending"), at: Self.pods.named("sd21-a"))
            #expect(try await events.next()?.object?["metadata"]?["name"] == .string("sd21-a"))

            await server.store.closeWatches()
            try await server.store.put(Self.pod("sd21-b", phase: "Pending"), at: Self.pods.named("sd21-b"))

            let next = try #require(try await events.next())
            guard case .added(let object) = next else {
                Issue.record("expected ADDED after resuming, got \(next)")
                return
            }
            #expect(object["metadata"]?["name"] == .string("sd21-b"))
            let watches = await server.receivedRequests().filter { $0.query["watch"] == "true" }
            #expect(watches.count >= 2)
            #expect(watches.last?.query["resourceVersion"] == first["metadata"]?["resourceVersion"]?.stringValue)
        }
    }

    @Test("a resourceVersion older than the server's history (ERROR 410) relists and continues from the list")
    func relistsAfterCompaction() async throws {
        try await withFakeCluster { server, client in
            let old = try await client.list(Self.pods).resourceVersion
            try await server.store.put(Self.pod("sd21-a", phase: "Running"), at: Self.pods.named("sd21-a"))
            await server.store.compact()

            var events = client.watch(Self.pods, from: old).makeAsyncIterator()
            let first = try #require(try await events.next())
            guard case .relisted(let list) = first else {
                Issue.record("expected relisted, got \(first)")
                return
            }
            #expect(list.items.compactMap { $0["metadata"]?["name"]?.stringValue } == ["sd21-a"])

            try await server.store.put(Self.pod("sd21-b", phase: "Pending"), at: Self.pods.named("sd21-b"))
            #expect(try await events.next()?.object?["metadata"]?["name"] == .string("sd21-b"))
            let watches = await server.receivedRequests().filter { $0.query["watch"] == "true" }
            #expect(watches.last?.query["resourceVersion"] == list.resourceVersion)
        }
    }

    @Test("an HTTP 410 answer to the watch request relists too")
    func relistsAfterHTTPGone() async throws {
        try await withFakeCluster { server, client in
            try await server.store.put(Self.pod("sd21-a", phase: "Running"), at: Self.pods.named("sd21-a"))
            await server.injectFaults(1, status: 410)
            var events = client.watch(Self.pods, from: "1").makeAsyncIterator()
            let first = try #require(try await events.next())
            guard case .relisted(let list) = first else {
                Issue.record("expected relisted, got \(first)")
                return
            }
            #expect(list.items.count == 1)
            let methods = await server.receivedRequests().map { $0.query["watch"] == nil ? "list" : "watch" }
            #expect(Array(methods.prefix(2)) == ["watch", "list"])
        }
    }

    @Test("the in-memory fake watches with the same semantics: relist after compaction, then changes")
    func inMemoryWatch() async throws {
        let kubernetes = InMemoryKubernetes()
        let old = try await kubernetes.list(Self.pods).resourceVersion
        try await kubernetes.store.put(Self.pod("sd21-a", phase: "Pending"), at: Self.pods.named("sd21-a"))
        await kubernetes.store.compact()

        var events = kubernetes.watch(Self.pods, from: old).makeAsyncIterator()
        let first = try #require(try await events.next())
        guard case .relisted(let list) = first else {
            Issue.record("expected relisted, got \(first)")
            return
        }
        #expect(list.items.compactMap { $0["metadata"]?["name"]?.stringValue } == ["sd21-a"])

        try await kubernetes.store.put(Self.pod("sd21-a", phase: "Running"), at: Self.pods.named("sd21-a"))
        let next = try #require(try await events.next())
        guard case .modified(let object) = next else {
            Issue.record("expected MODIFIED, got \(next)")
            return
        }
        #expect(object["status"]?["phase"] == .string("Running"))
    }
}

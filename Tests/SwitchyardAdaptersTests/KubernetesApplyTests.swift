import NIOCore
@testable import SwitchyardAdapters
import SwitchyardCore
import SwitchyardFakes
import Testing

@Suite("Kubernetes server-side apply, get, list and delete against the fake API server")
struct KubernetesApplyTests {
    @Test("apply creates, then updates with a higher resourceVersion, sending the apply content type and field manager")
    func applyCreatesThenUpdates() async throws {
        try await withFakeCluster { server, client in
            let path = KubernetesSamples.deploymentPath
            let created = try await client.apply(KubernetesSamples.deployment(replicas: 2), at: path, force: true)
            let firstVersion = try #require(created["metadata"]?["resourceVersion"]?.stringValue.flatMap { Int($0) })
            #expect(created["spec"]?["replicas"] == .integer(2))

            let updated = try await client.apply(KubernetesSamples.deployment(replicas: 5), at: path, force: true)
            let secondVersion = try #require(updated["metadata"]?["resourceVersion"]?.stringValue.flatMap { Int($0) })
            #expect(secondVersion > firstVersion)
            #expect(updated["spec"]?["replicas"] == .integer(5))
            #expect(updated["metadata"]?["uid"] == created["metadata"]?["uid"])
            #expect(updated["metadata"]?["generation"] == .integer(2))

            let fetched = try await client.get(path)
            #expect(fetched == updated)

            let patches = await server.receivedRequests().filter { $0.method == "PATCH" }
            #expect(patches.count == 2)
            for request in patches {
                #expect(request.path == "/apis/apps/v1/namespaces/inference/deployments/sd21-inf2")
                #expect(request.contentType == "application/apply-patch+yaml")
                #expect(request.query["fieldManager"] == "switchyard")
                #expect(request.query["force"] == "true")
                #expect(request.authorization == "Bearer test-token")
            }
        }
    }

    @Test("re-applying the same object leaves it equal, resourceVersion included")
    func reapplyIsIdempotent() async throws {
        try await withFakeCluster { _, client in
            let path = KubernetesSamples.deploymentPath
            let first = try await client.apply(KubernetesSamples.deployment(), at: path)
            let second = try await client.apply(KubernetesSamples.deployment(), at: path)
            #expect(second == first)
            #expect(second["metadata"]?["resourceVersion"] == first["metadata"]?["resourceVersion"])
        }
    }

    @Test("a field dropped from the applied object is removed; fields of other managers stay")
    func droppedFieldIsRemoved() async throws {
        try await withFakeCluster { server, client in
            let path = KubernetesSamples.deploymentPath
            _ = try await client.apply(KubernetesSamples.deployment(), at: path)
            // Another manager (kubectl) owns an annotation.
            let annotation = JSONValue.object([
                .init("apiVersion", .string("apps/v1")), .init("kind", .string("Deployment")),
                .init("metadata", .object([
                    .init("name", .string("sd21-inf2")),
                    .init("annotations", .object([.init("team", .string("ml-platform"))])),
                ])),
            ])
            _ = try await server.store.apply(annotation, at: path, fieldManager: "kubectl", force: false)

            let withoutTier = KubernetesSamples.deployment().removingLabel("switchyard.io/tier")
            let result = try await client.apply(withoutTier, at: path)
            #expect(result["metadata"]?["labels"]?["switchyard.io/tier"] == nil)
            #expect(result["metadata"]?["labels"]?["app"] == .string("sd21"))
            #expect(result["metadata"]?["annotations"]?["team"] == .string("ml-platform"))
        }
    }

    @Test("the fake refuses an apply without the apply content type (415) or without a fieldManager (400)")
    func applyPreconditions() async throws {
        try await withFakeCluster { server, client in
            let path = KubernetesSamples.deploymentPath
            let body = ByteBuffer(string: KubernetesSamples.deployment().jsonText(pretty: false))
            let wrongType = await #expect(throws: KubernetesError.self) {
                try await client.send(.PATCH, path.path, query: [("fieldManager", "switchyard")], body: body,
                                      contentType: "application/merge-patch+json")
            }
            #expect(wrongType?.status?.code == 415)
            let noManager = await #expect(throws: KubernetesError.self) {
                try await client.send(.PATCH, path.path, body: body, contentType: "application/apply-patch+yaml")
            }
            #expect(noManager?.status?.code == 400)
            #expect(noManager?.status?.message == "fieldManager is required for apply requests")

            // YAML bodies are accepted as well as JSON.
            let yaml = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: sd21-inf2\nspec:\n  replicas: 3\n"
            _ = try await client.send(.PATCH, path.path, query: [("fieldManager", "switchyard")], body: ByteBuffer(string: yaml),
                                      contentType: "application/apply-patch+yaml")
            #expect(try await client.get(path)["spec"]?["replicas"] == .integer(3))
            #expect(try await server.store.get(path)["metadata"]?["namespace"] == .string("inference"))
        }
    }

    @Test("get of a missing object throws notFound with the API's Status")
    func getMissingIsNotFound() async throws {
        try await withFakeCluster { _, client in
            let error = await #expect(throws: KubernetesError.self) {
                try await client.get(KubernetesSamples.deploymentPath.named("absent"))
            }
            guard case .notFound(let status)? = error else {
                Issue.record("expected notFound, got \(String(describing: error))")
                return
            }
            #expect(status.code == 404)
            #expect(status.reason == "NotFound")
            #expect(status.message == "deployments.apps \"absent\" not found")
        }
    }

    @Test("a metadata.name that differs from the URL is rejected with 422 and the offending field")
    func nameMismatchIsInvalid() async throws {
        try await withFakeCluster { _, client in
            let error = await #expect(throws: KubernetesError.self) {
                try await client.apply(KubernetesSamples.deployment(name: "other"), at: KubernetesSamples.deploymentPath)
            }
            guard case .invalid(let status)? = error else {
                Issue.record("expected invalid, got \(String(describing: error))")
                return
            }
            #expect(status.code == 422)
            #expect(status.details?.causes?.first?.field == "metadata.name")
        }
    }

    @Test("a field another manager owns conflicts without force and is taken over with force")
    func conflictWithoutForce() async throws {
        try await withFakeCluster { server, client in
            let path = KubernetesSamples.nodePoolPath
            _ = try await server.store.apply(KubernetesSamples.nodePool(weight: 10), at: path, fieldManager: "kubectl", force: false)

            let error = await #expect(throws: KubernetesError.self) {
                try await client.apply(KubernetesSamples.nodePool(weight: 50), at: path, force: false)
            }
            guard case .conflict(let status)? = error else {
                Issue.record("expected conflict, got \(String(describing: error))")
                return
            }
            #expect(status.code == 409)
            #expect(status.details?.causes?.first?.field == ".spec.weight")
            #expect(status.details?.causes?.first?.message == "conflict with \"kubectl\"")
            #expect(try await client.get(path)["spec"]?["weight"] == .integer(10))

            let forced = try await client.apply(KubernetesSamples.nodePool(weight: 50), at: path, force: true)
            #expect(forced["spec"]?["weight"] == .integer(50))
            #expect(await server.receivedRequests().last?.path == "/apis/karpenter.sh/v1/nodepools/amd-neuron")

            // Once Switchyard owns the field, kubectl in turn conflicts.
            await #expect(throws: KubernetesError.self) {
                try await server.store.apply(KubernetesSamples.nodePool(weight: 10), at: path, fieldManager: "kubectl", force: false)
            }
        }
    }

    @Test("list returns the collection's items with a resourceVersion, narrowed by a label selector")
    func listWithSelector() async throws {
        try await withFakeCluster { _, client in
            _ = try await client.apply(KubernetesSamples.deployment(name: "sd21-inf2", tier: "neuron"),
                                       at: KubernetesSamples.deploymentPath.named("sd21-inf2"))
            let last = try await client.apply(KubernetesSamples.deployment(name: "sd21-g5", tier: "cuda"),
                                              at: KubernetesSamples.deploymentPath.named("sd21-g5"))

            let all = try await client.list(KubernetesSamples.deploymentPath.collection)
            #expect(all.items.compactMap { $0["metadata"]?["name"]?.stringValue } == ["sd21-g5", "sd21-inf2"])
            #expect(all.resourceVersion == last["metadata"]?["resourceVersion"]?.stringValue)

            let cuda = try await client.list(KubernetesSamples.deploymentPath.collection, labelSelector: "switchyard.io/tier=cuda")
            #expect(cuda.items.compactMap { $0["metadata"]?["name"]?.stringValue } == ["sd21-g5"])
        }
    }

    @Test("create refuses an existing name; update refuses a stale resourceVersion (optimistic concurrency)")
    func createAndUpdate() async throws {
        try await withFakeCluster { server, client in
            let path = ResourcePath(group: "coordination.k8s.io", version: "v1", resource: "leases", namespace: "switchyard", name: "switchyard-failover")
            let lease = JSONValue.object([
                .init("apiVersion", .string("coordination.k8s.io/v1")), .init("kind", .string("Lease")),
                .init("metadata", .object([.init("name", .string("switchyard-failover")), .init("namespace", .string("switchyard"))])),
                .init("spec", .object([.init("holderIdentity", .string("replica-a"))])),
            ])
            let created = try await client.create(lease, at: path)
            let createError = await #expect(throws: KubernetesError.self) { try await client.create(lease, at: path) }
            #expect(createError?.status?.reason == "AlreadyExists")

            let renewed = try await client.update(created, at: path)
            #expect(renewed["metadata"]?["resourceVersion"] != created["metadata"]?["resourceVersion"])
            let staleError = await #expect(throws: KubernetesError.self) { try await client.update(created, at: path) }
            guard case .conflict(let status)? = staleError else {
                Issue.record("expected conflict, got \(String(describing: staleError))")
                return
            }
            #expect(status.reason == "Conflict")
            let methods = await server.receivedRequests().map { "\($0.method) \($0.path)" }
            #expect(methods.first == "POST /apis/coordination.k8s.io/v1/namespaces/switchyard/leases")
            #expect(methods.contains("PUT /apis/coordination.k8s.io/v1/namespaces/switchyard/leases/switchyard-failover"))
        }
    }
}

extension JSONValue {
    /// The object without one label, for tests that drop a field between applies.
    func removingLabel(_ key: String) -> JSONValue {
        guard case .object(var members) = self, let metadataIndex = members.firstIndex(where: { $0.key == "metadata" }),
              case .object(var metadata) = members[metadataIndex].value,
              let labelsIndex = metadata.firstIndex(where: { $0.key == "labels" }),
              case .object(let labels) = metadata[labelsIndex].value
        else { return self }
        metadata[labelsIndex].value = .object(labels.filter { $0.key != key })
        members[metadataIndex].value = .object(metadata)
        return .object(members)
    }
}

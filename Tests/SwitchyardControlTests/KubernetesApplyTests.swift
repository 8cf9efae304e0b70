import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

@Suite("Apply through the Kubernetes appliers against the fake API server over loopback")
struct KubernetesApplyTests {
    @Test("every object is server-side applied as switchyard, forced where Switchyard owns it; re-applying sends nothing")
    func applyCreatesObjects() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
            let service = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])

            let report = try await service.apply(context: ControlFixtures.context)
            #expect(report.succeeded)
            let objects = try await service.desiredState().manifests.objects
            #expect(report.pushes.map(\.target) == [.kubernetes])
            #expect(report.pushes[0].outcomes.map(\.key) == objects.map(\.identity.description))
            #expect(objects.contains { if case .nodePool = $0 { true } else { false } })

            for object in objects {
                let document = try object.jsonValue()
                let live = try await client.get(try #require(ResourcePath(object: document)))
                #expect(live.projected(onto: document).isSemanticallyEqual(to: document), "\(object.identity)")
            }
            let patches = await server.receivedRequests().filter { $0.method == "PATCH" }
            #expect(patches.count == objects.count)
            for request in patches {
                #expect(request.contentType == "application/apply-patch+yaml")
                #expect(request.query["fieldManager"] == "switchyard")
                // Every rendered object carries the managed-by label, so every apply forces.
                #expect(request.query["force"] == "true")
            }
            #expect(Set(try await database.appliedObjects(target: "kubernetes").map(\.key)) == Set(objects.map(\.identity.description)))

            await server.clearReceivedRequests()
            let again = try await service.apply(context: ControlFixtures.context)
            #expect(again.pushes.isEmpty)
            #expect(await server.receivedRequests().filter { $0.method == "PATCH" }.isEmpty)
        }
    }

    @Test("a fresh cluster, which refuses objects in namespaces that do not exist, gets every object on the first apply")
    func firstApplyIntoFreshCluster() async throws {
        try await withFakeCluster(store: KubernetesObjectStore(requiresNamespaces: true)) { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
            let service = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            // What the cluster says to a namespaced object before its Namespace exists.
            let early = ResourcePath(group: "", version: "v1", resource: "services", namespace: DemoFleet.namespace, name: "x")
            await #expect(throws: KubernetesError.self) {
                try await server.store.put(.object([.init("metadata", .object([.init("name", .string("x"))]))]), at: early)
            }

            let report = try await service.apply(context: ControlFixtures.context)
            #expect(report.succeeded, "\(report.failures)")
            let objects = try await service.desiredState().manifests.objects
            #expect(objects.first?.kind == "Namespace")
            for object in objects {
                _ = try await client.get(try #require(ResourcePath(object: try object.jsonValue())))
            }
            #expect(try await service.diff().isEmpty)
        }
    }

    @Test("an apply that failed on a persistent 503 converges by itself once the cluster answers again")
    func failedApplyConverges() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
            let service = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            let objects = try await service.desiredState().manifests.objects
            await server.injectFaults(objects.count, status: 503)
            let failed = try await service.apply(context: ControlFixtures.context)
            #expect(failed.failures.count == objects.count)
            #expect(!(try await service.diff().isEmpty))

            // The cluster is back; nobody applies by hand. One pass of the drift service's convergence step:
            let corrector = DriftCorrector(applyService: service, actor: "reconciler")
            var report = DriftReport()
            try await corrector.convergeOnce(into: &report)
            #expect(report.reapplied.count == objects.count)
            #expect(report.reapplyFailures.isEmpty)
            #expect(try await service.diff().isEmpty)
            // The steady state: a further pass applies nothing.
            var idle = DriftReport()
            try await corrector.convergeOnce(into: &idle)
            #expect(idle.reapplied.isEmpty && idle.reapplyFailures.isEmpty)
            let audit = try await database.auditEvents(AuditFilter(actor: "reconciler")).items
            #expect(!audit.isEmpty)
        }
    }

    @Test("a 500 on one object is an audited failure; the others succeed and only they become last applied")
    func failedObjectIsAudited() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
            let service = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            let keys = try await service.desiredState().manifests.objects.map(\.identity.description)

            // The client does not retry here, so the one fault fails exactly the first object sent.
            await server.injectFaults(1, status: 500)
            let report = try await service.apply(context: ControlFixtures.context)
            #expect(!report.succeeded)
            let failed = try #require(report.failures.first)
            #expect(report.failures.count == 1)
            #expect(failed.key == keys[0])
            #expect(failed.error?.contains("500") == true)

            let applied = Set(try await database.appliedObjects(target: "kubernetes").map(\.key))
            #expect(applied == Set(keys.dropFirst()))
            let events = try await ControlFixtures.pushEvents(database)
            #expect(events.map(\.action.rawValue).sorted() == ["apply", "apply-failed"])
            let failure = try #require(events.first { $0.action == .applyFailed })
            #expect(failure.name == "kubernetes")
            let summary = try #require(failure.after.flatMap { try? ManifestSerializer.documents(from: $0).first })
            #expect(summary["result"] == .string("failed"))
            #expect(summary["objects"]?[0]?["key"] == .string(keys[0]))
            #expect(summary["objects"]?[0]?["error"]?.stringValue?.contains("500") == true)
            #expect(try await database.verifyAuditChain().valid)

            // The service keeps working: the next apply sends only what failed.
            await server.clearReceivedRequests()
            let retry = try await service.apply(context: ControlFixtures.context)
            #expect(retry.succeeded)
            #expect(retry.pushes.flatMap(\.outcomes).map(\.key) == [keys[0]])
            #expect(Set(try await database.appliedObjects(target: "kubernetes").map(\.key)) == Set(keys))
        }
    }

    @Test("the alb-annotation applier pushes only the model's Ingress")
    func albAnnotationPushesIngressOnly() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .albAnnotation))
            let service = ApplyService(database: database, appliers: [ALBAnnotationApplier(api: client)])
            let report = try await service.apply(context: ControlFixtures.context)
            #expect(report.succeeded)
            let ingresses = try await service.desiredState().manifests.objects.filter { if case .ingress = $0 { true } else { false } }
            #expect(ingresses.count == 1)
            #expect(report.pushes.flatMap(\.outcomes).map(\.key) == ingresses.map(\.identity.description))
            #expect(await server.receivedRequests().filter { $0.method == "PATCH" }.map(\.path) == ["/apis/networking.k8s.io/v1/namespaces/sd21/ingresses/sd21"])
        }
    }

    @Test("a hand-edited field is restored by a drift pass and audited with the live and restored values")
    func driftOnKubernetesObject() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
            let service = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            _ = try await service.apply(context: ControlFixtures.context)
            let ingress = try #require(try await service.desiredState().manifests.objects.first { if case .ingress = $0 { true } else { false } })
            let document = try ingress.jsonValue()
            let path = try #require(ResourcePath(object: document))

            // Someone else (kubectl) changes the forward action annotation and deletes a Service.
            let annotationKey = try #require(ingress.metadata.annotations?.entries.first { $0.key.contains("actions.") }?.key)
            let edit = JSONValue.object([
                .init("apiVersion", .string("networking.k8s.io/v1")), .init("kind", .string("Ingress")),
                .init("metadata", .object([
                    .init("name", .string(ingress.metadata.name)), .init("namespace", .string(ingress.metadata.namespace ?? "")),
                    .init("annotations", .object([.init(annotationKey, .string("{\"type\":\"fixed-response\"}"))])),
                ])),
            ])
            _ = try await client.apply(edit, at: path, fieldManager: "kubectl", force: true)
            let service0 = try #require(try await service.desiredState().manifests.objects.first { if case .service = $0 { true } else { false } })
            _ = try await server.store.delete(try #require(ResourcePath(object: try service0.jsonValue())))

            let corrector = DriftCorrector(applyService: service)
            let report = try await corrector.correctOnce()
            #expect(Set(report.corrections.map(\.key)) == [ingress.identity.description, service0.identity.description])
            #expect(report.corrections.allSatisfy { $0.restoredSuccessfully })
            let restoredIngress = try await client.get(path)
            #expect(restoredIngress.projected(onto: document).isSemanticallyEqual(to: document))
            #expect(try await client.get(try #require(ResourcePath(object: try service0.jsonValue())))["metadata"]?["name"] == .string(service0.metadata.name))

            let drift = try await ControlFixtures.pushEvents(database).filter { $0.action == .driftCorrected }
            #expect(drift.count == 2)
            let ingressEvent = try #require(drift.first { $0.before?.contains("fixed-response") == true })
            #expect(ingressEvent.after.flatMap { try? ManifestSerializer.documents(from: $0).first }?.isSemanticallyEqual(to: document) == true)
            #expect(drift.contains { $0.before == nil && $0.reason?.contains("missing") == true })

            let quiet = try await corrector.correctOnce()
            #expect(quiet.corrections.isEmpty)
            #expect(quiet.checked == report.checked)
            _ = server
        }
    }
}

import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

/// InferenceServices and HTTPRoutes pushed and kept in place through the Kubernetes applier, against the fake API
/// server over loopback, like every other kind.
@Suite("Apply and drift of KServe InferenceServices and Gateway API HTTPRoutes")
struct KubernetesKServeGatewayApplyTests {
    /// The demo fleet pushed by the kubernetes applier, sd21 on KServe behind an HTTPRoute.
    static var fleet: Fleet {
        var fleet = ControlFixtures.fleet(applier: .kubernetes)
        fleet.models[0].routing.workload = .kserve
        fleet.models[0].routing.router = .gatewayAPI
        fleet.models[0].routing.gateway = GatewayReference(name: "inference", namespace: "gateways")
        return fleet
    }

    @Test("the InferenceServices and the HTTPRoute are server-side applied at their resources; a second apply sends nothing")
    func applyNewKinds() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(Self.fleet)
            let service = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            let report = try await service.apply(context: ControlFixtures.context)
            #expect(report.succeeded, "\(report.failures)")

            let objects = try await service.desiredState().manifests.objects
            #expect(!objects.contains { $0.kind == "Deployment" || $0.kind == "Ingress" })
            let paths = Set(await server.receivedRequests().filter { $0.method == "PATCH" }.map(\.path))
            for unit in DemoFleet.units {
                #expect(paths.contains("/apis/serving.kserve.io/v1beta1/namespaces/sd21/inferenceservices/\(unit.kubernetes.deployment)"))
            }
            #expect(paths.contains("/apis/gateway.networking.k8s.io/v1/namespaces/sd21/httproutes/sd21"))
            for object in objects where object.kind == "InferenceService" || object.kind == "HTTPRoute" {
                let document = try object.jsonValue()
                let live = try await client.get(try #require(ResourcePath(object: document)))
                #expect(live.projected(onto: document).isSemanticallyEqual(to: document), "\(object.identity)")
            }

            await server.clearReceivedRequests()
            let again = try await service.apply(context: ControlFixtures.context)
            #expect(again.pushes.isEmpty)
            #expect(await server.receivedRequests().filter { $0.method == "PATCH" }.isEmpty)
        }
    }

    @Test("weights changed by hand on the HTTPRoute and a deleted InferenceService are restored by a drift pass and audited")
    func driftOnNewKinds() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(Self.fleet)
            let service = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            _ = try await service.apply(context: ControlFixtures.context)
            let objects = try await service.desiredState().manifests.objects
            let route = try #require(objects.first { $0.kind == "HTTPRoute" })
            let routeDocument = try route.jsonValue()
            let routePath = try #require(ResourcePath(object: routeDocument))

            // Someone sends every request to inf2, and someone deletes the trn1 InferenceService.
            let edit = JSONValue.object([
                .init("apiVersion", .string(HTTPRoute.apiVersion)), .init("kind", .string(HTTPRoute.kind)),
                .init("metadata", .object([.init("name", .string("sd21")), .init("namespace", .string("sd21"))])),
                .init("spec", .object([.init("rules", .array([.object([.init("backendRefs", .array([.object([
                    .init("name", .string("sd21-inf2-predictor")), .init("port", .integer(80)), .init("weight", .integer(1)),
                ])]))])]))])),
            ])
            _ = try await client.apply(edit, at: routePath, fieldManager: "kubectl", force: true)
            let trn1 = try #require(objects.first { $0.kind == "InferenceService" && $0.metadata.name == "sd21-trn1" })
            let trn1Path = try #require(ResourcePath(object: try trn1.jsonValue()))
            _ = try await server.store.delete(trn1Path)

            let corrector = DriftCorrector(applyService: service)
            let report = try await corrector.correctOnce()
            #expect(Set(report.corrections.map(\.key)) == [route.identity.description, trn1.identity.description])
            #expect(report.corrections.allSatisfy { $0.restoredSuccessfully })
            #expect(try await client.get(routePath).projected(onto: routeDocument).isSemanticallyEqual(to: routeDocument))
            #expect(try await client.get(trn1Path)["metadata"]?["name"] == .string("sd21-trn1"))

            let drift = try await ControlFixtures.pushEvents(database).filter { $0.action == .driftCorrected }
            #expect(drift.count == 2)
            #expect(try await corrector.correctOnce().corrections.isEmpty)
        }
    }

    @Test("a capacity shortage re-plans and pushes new weights to the HTTPRoute, none to the short pool's predictors")
    func shortageMovesRouteWeights() async throws {
        try await withFakeCluster { _, client in
            let database = try await ControlFixtures.database(Self.fleet)
            let service = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            _ = try await service.apply(context: ControlFixtures.context)
            let before = try await service.desiredState().manifests.objects.first { $0.kind == "HTTPRoute" }
            let desired = DesiredStateBuilder().build(
                fleet: Self.fleet, strategies: ["sd21": .capacity], shortPools: ["amd-neuron"])
            let after = try #require(desired.manifests.objects.first { $0.kind == "HTTPRoute" })
            #expect(after != before)
            guard case .httpRoute(let route) = after else { return }
            for backend in route.spec.rules[0].backendRefs where backend.name.contains("inf2") || backend.name.contains("trn1") {
                #expect(backend.weight == 0)
            }
        }
    }
}

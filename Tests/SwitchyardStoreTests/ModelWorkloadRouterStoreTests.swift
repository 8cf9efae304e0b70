import Foundation
import SwitchyardCore
import SwitchyardStore
import Testing

/// A model's workload, router and Gateway are stored with it, and models stored before they existed keep what
/// they did: Deployments, and the router their applier implied.
@Suite("Models: workload, router and Gateway in the store")
struct ModelWorkloadRouterStoreTests {
    @Test("kserve, gateway-api and a Gateway round-trip through put and get")
    func roundTrip() async throws {
        let database = try await Fixtures.databaseWithDependencies()
        var model = Fixtures.model
        model.routing.applier = .kubernetes
        model.routing.workload = .kserve
        model.routing.router = .gatewayAPI
        model.routing.gateway = GatewayReference(name: "inference", namespace: "gateways", sectionName: "https")
        #expect(try await database.put(model, context: Fixtures.context).outcome == .updated)
        #expect(try await database.get(ServedModel.self, named: model.name).value == model)

        model.routing.gateway = GatewayReference(name: "inference")
        _ = try await database.put(model, context: Fixtures.context)
        #expect(try await database.get(ServedModel.self, named: model.name).value.routing.gateway == GatewayReference(name: "inference"))
    }

    @Test("a model that names no router gets the one its applier implies; no workload is a Deployment")
    func defaults() throws {
        let decode = { (json: String) throws -> RoutingSettings in try JSONDecoder().decode(RoutingSettings.self, from: Data(json.utf8)) }
        #expect(try decode("{}").router == .albIngress)
        #expect(try decode("{}").workload == .deployment)
        #expect(try decode(#"{"applier":"elbv2"}"#).router == .elbv2)
        #expect(try decode(#"{"applier":"elbv2","router":"alb-ingress"}"#).router == .albIngress)
        #expect(try decode(#"{"applier":"kubernetes","router":"gateway-api","workload":"kserve"}"#).router == .gatewayAPI)
        #expect(RoutingSettings(applier: .elbv2).router == .elbv2)
    }

    @Test("the gateway-api router with an applier that pushes only ALB objects, and a bad Gateway, are refused by field")
    func validation() {
        var model = Fixtures.model
        model.routing.router = .gatewayAPI
        model.routing.applier = .albAnnotation
        model.routing.gateway = GatewayReference(name: "Inference", namespace: "gate.ways")
        let fields = FleetValidator.violations(of: model).map(\.field)
        #expect(fields.contains("routing.router"))
        #expect(fields.contains("routing.gateway.name"))
        #expect(fields.contains("routing.gateway.namespace"))

        model.routing.applier = .kubernetes
        model.routing.gateway = GatewayReference(name: "inference", namespace: "gateways")
        #expect(FleetValidator.violations(of: model).isEmpty)
    }
}

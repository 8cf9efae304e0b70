import HTTPTypes
import HummingbirdTesting
import SwitchyardCore
import Testing

@testable import SwitchyardAPI

@Suite("Models: workload, router and Gateway through the API")
struct WorkloadRouterTests {
    @Test("a model on KServe behind an HTTPRoute is stored and read back with its Gateway")
    func kserveGatewayModel() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            let yaml = """
                name: sd21
                slo: {latencyThresholdMs: 900}
                routing:
                  applier: kubernetes
                  workload: kserve
                  router: gateway-api
                  gateway: {name: inference, namespace: gateways}
                """
            let response = try await client.send(
                .put, "/v1/models/sd21", token: token, body: yaml, contentType: "application/yaml")
            #expect(response.status == .created)
            let model = try response.decode(ServedModel.self)
            #expect(model.routing.workload == .kserve)
            #expect(model.routing.router == .gatewayAPI)
            #expect(model.routing.gateway == GatewayReference(name: "inference", namespace: "gateways"))
        }
    }

    @Test("a model that names no router gets the one its applier implies")
    func impliedRouter() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let yaml = """
                name: sd21
                slo: {latencyThresholdMs: 900}
                routing: {applier: elbv2, listenerARN: "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/x/1/2"}
                """
            let response = try await client.send(
                .put, "/v1/models/sd21", token: harness.operatorToken, body: yaml, contentType: "application/yaml")
            #expect(response.status == .created)
            let model = try response.decode(ServedModel.self)
            #expect(model.routing.router == .elbv2)
            #expect(model.routing.workload == .deployment)
        }
    }

    @Test("422 naming routing.router: the gateway-api router with the alb-annotation applier; 400 for an unknown router")
    func refused() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            let bad = """
                name: sd21
                slo: {latencyThresholdMs: 900}
                routing: {applier: alb-annotation, router: gateway-api, gateway: {name: inference}}
                """
            let response = try await client.send(.put, "/v1/models/sd21", token: token, body: bad, contentType: "application/yaml")
            #expect(response.status == .unprocessableContent)
            let problem = try response.problem()
            #expect(problem.code == "validation-failed")
            #expect(problem.field == "routing.router")

            let unknown = """
                name: sd21
                slo: {latencyThresholdMs: 900}
                routing: {router: nginx}
                """
            let refused = try await client.send(.put, "/v1/models/sd21", token: token, body: unknown, contentType: "application/yaml")
            #expect(refused.status.code >= 400 && refused.status.code < 500)
            #expect(try refused.problem().field?.contains("router") == true)
        }
    }

    @Test("a unit's args and KServe model spec are stored, read back and exported; a bad storage URI is named")
    func unitServingFields() async throws {
        try await DemandEndpointTests.withDemoFleet { client, harness in
            let token = harness.operatorToken
            func unit(storageUri: String) -> String {
                """
                name: sd21-g6-hf
                model: sd21
                instanceType: g6.xlarge
                pool: amd-nvidia
                runtime: vllm
                image: public.ecr.aws/switchyard-demo/sd21:vllm
                args: ["--max-model-len", "4096"]
                kserve: {modelFormat: huggingface, runtime: kserve-huggingfaceserver, storageUri: "\(storageUri)"}
                kubernetes: {namespace: sd21, deployment: sd21-g6-hf, service: sd21-g6-hf}
                """
            }
            let bad = try await client.send(
                .put, "/v1/units/sd21-g6-hf", token: token, body: unit(storageUri: "ftp://models/sd21"), contentType: "application/yaml")
            #expect(bad.status == .unprocessableContent)
            #expect(try bad.problem().field == "kserve.storageUri")
            let missing = try await client.send(.get, "/v1/units/sd21-g6-hf", token: harness.viewer)
            #expect(missing.status == .notFound)

            let created = try await client.send(
                .put, "/v1/units/sd21-g6-hf", token: token, body: unit(storageUri: "hf://stabilityai/stable-diffusion-2-1"),
                contentType: "application/yaml")
            #expect(created.status == .created)
            let stored = try await client.send(.get, "/v1/units/sd21-g6-hf", token: harness.viewer).decode(DeploymentUnit.self)
            #expect(stored.args == ["--max-model-len", "4096"])
            #expect(stored.kserve == KServeModelSpec(
                modelFormat: "huggingface", runtime: "kserve-huggingfaceserver", storageUri: "hf://stabilityai/stable-diffusion-2-1"))
            let export = try await client.send(.get, "/v1/export", token: harness.viewer)
            let exported = String(buffer: export.body)
            #expect(exported.contains("\"modelFormat\" : \"huggingface\"") && exported.contains("\"--max-model-len\""))
        }
    }
}

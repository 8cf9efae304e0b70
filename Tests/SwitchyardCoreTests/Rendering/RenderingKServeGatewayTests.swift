import Foundation
import SwitchyardCore
import Testing

/// The demo fleet with sd21 on KServe InferenceServices behind a Gateway API HTTPRoute: goldens, CRD validation,
/// and what is no longer rendered.
@Suite("Rendering: KServe workloads and Gateway API routes", .serialized)
struct RenderingKServeGatewayTests {
    static let gateway = GatewayReference(name: "inference", namespace: "gateways", sectionName: "https")

    /// The demo fleet with sd21 switched to `workload: kserve` and `router: gateway-api`.
    static var fleet: Fleet {
        var fleet = DemoFleet.fleet
        fleet.models[0].routing.workload = .kserve
        fleet.models[0].routing.router = .gatewayAPI
        fleet.models[0].routing.gateway = gateway
        return fleet
    }

    static func render(strategy: StrategyKind = .cost, fleet: Fleet = fleet, settings: RenderSettings = RenderSettings()) -> RenderedManifests {
        ManifestRenderer().render(RenderingGoldenTests.demoInput(strategy: strategy, fleet: fleet, settings: settings))
    }

    @Test("the demo with KServe and an HTTPRoute (CloudWatch trigger): golden, and valid against the CRDs")
    func kserveGatewayGoldenCloudWatch() async throws {
        let rendered = Self.render()
        #expect(rendered.warnings.isEmpty, "\(rendered.warnings)")
        let yaml = try ManifestSerializer.yaml(rendered.objects)
        try RenderingGoldenTests.assertGolden("demo-kserve-gateway.yaml", yaml)
        let outcome = try await RenderingValidationTests.validate(yaml)
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.contains("ok   serving.kserve.io/v1beta1 InferenceService sd21/sd21-inf2"))
        #expect(outcome.output.contains("ok   gateway.networking.k8s.io/v1 HTTPRoute sd21/sd21"))
    }

    @Test("the demo with KServe and an HTTPRoute (Prometheus trigger, KServe's own KEDA metrics): golden, and valid")
    func kserveGatewayGoldenPrometheus() async throws {
        let settings = RenderSettings(trigger: .prometheus(serverAddress: "http://prometheus.monitoring:9090"), triggerAuthentication: "keda-prometheus")
        let rendered = Self.render(settings: settings)
        #expect(rendered.warnings.isEmpty, "\(rendered.warnings)")
        // KServe writes the ScaledObjects from the predictors' autoScaling: Switchyard renders none.
        #expect(rendered.scaledObjects.isEmpty)
        let yaml = try ManifestSerializer.yaml(rendered.objects)
        try RenderingGoldenTests.assertGolden("demo-kserve-gateway-prometheus.yaml", yaml)
        let outcome = try await RenderingValidationTests.validate(yaml)
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test("a kserve unit renders no Deployment or Service of its own; the route's weights address <isvc>-predictor:80")
    func weightsAddressPredictorServices() throws {
        let rendered = Self.render()
        #expect(rendered.deployments.isEmpty)
        #expect(rendered.services.isEmpty)
        #expect(rendered.ingresses.isEmpty)
        #expect(rendered.forwardConfigs.isEmpty)
        #expect(rendered.inferenceServices.map(\.metadata.name) == DemoFleet.units.map(\.kubernetes.deployment).sorted())
        for service in rendered.inferenceServices {
            #expect(service.metadata.annotations?["serving.kserve.io/deploymentMode"] == "Standard")
            #expect(service.metadata.annotations?["serving.kserve.io/autoscalerClass"] == "external")
        }
        // With the CloudWatch trigger Switchyard keeps the ScaledObject, on the Deployment KServe creates.
        #expect(rendered.scaledObjects.map(\.spec.scaleTargetRef.name).sorted()
            == DemoFleet.units.map { "\($0.kubernetes.deployment)-predictor" }.sorted())

        let route = try #require(rendered.httpRoutes.first)
        #expect(rendered.httpRoutes.count == 1)
        #expect(route.spec.parentRefs.map(\.name) == ["inference"])
        #expect(route.spec.parentRefs.first?.namespace == "gateways")
        let plan = RoutingPlanner().plan(PlanningInput(fleet: Self.fleet, model: Self.fleet.models[0], strategy: .cost))
        let backends = try #require(route.spec.rules.first?.backendRefs)
        #expect(backends.count == DemoFleet.units.count)
        for backend in backends {
            #expect(backend.port == 80)
            let unit = try #require(DemoFleet.units.first { "\($0.kubernetes.deployment)-predictor" == backend.name })
            #expect(backend.weight == plan.weight(of: unit.name))
        }
    }

    @Test("a unit that names its model gets the predictor's model (format, runtime, storage, image, args), valid against the CRD")
    func predictorModelSpec() async throws {
        var fleet = Self.fleet
        let index = try #require(fleet.units.firstIndex { $0.name == "sd21-g5-triton" })
        fleet.units[index].kserve = KServeModelSpec(
            modelFormat: "triton", modelFormatVersion: "2", runtime: "kserve-tritonserver", storageUri: "s3://models/sd21/triton")
        fleet.units[index].args = ["--model-control-mode=explicit", "--load-model=sd21"]
        let rendered = Self.render(fleet: fleet)
        let service = try #require(rendered.inferenceServices.first { $0.metadata.name == "sd21-g5-triton" })
        let model = try #require(service.spec.predictor.model)
        #expect(service.spec.predictor.containers == nil)
        #expect(model.modelFormat == InferenceService.ModelFormat(name: "triton", version: "2"))
        #expect(model.runtime == "kserve-tritonserver")
        #expect(model.storageUri == "s3://models/sd21/triton")
        #expect(model.image == fleet.units[index].image)
        #expect(model.args == ["--model-control-mode=explicit", "--load-model=sd21"])
        #expect(model.resources.limits?["nvidia.com/gpu"] == "1")
        #expect(model.readinessProbe?.httpGet.path == fleet.units[index].readinessPath)
        // The other units keep their custom container.
        let other = try #require(rendered.inferenceServices.first { $0.metadata.name == "sd21-inf2" })
        #expect(other.spec.predictor.model == nil)
        #expect(other.spec.predictor.containers?.first?.name == "kserve-container")

        let yaml = try ManifestSerializer.yaml(rendered.objects)
        #expect(yaml.contains("storageUri: s3://models/sd21/triton"))
        let outcome = try await RenderingValidationTests.validate(yaml)
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.contains("ok   serving.kserve.io/v1beta1 InferenceService sd21/sd21-g5-triton"))
    }

    @Test("a Deployment's serving container carries the unit's args")
    func deploymentArgs() throws {
        var fleet = DemoFleet.fleet
        let index = try #require(fleet.units.firstIndex { $0.name == "sd21-inf2" })
        fleet.units[index].args = ["--batch-size", "4"]
        let rendered = Self.render(fleet: fleet)
        let deployment = try #require(rendered.deployments.first { $0.metadata.name == fleet.units[index].kubernetes.deployment })
        #expect(deployment.spec.template.spec.containers.first?.args == ["--batch-size", "4"])
        let untouched = try #require(rendered.deployments.first { $0.metadata.name != fleet.units[index].kubernetes.deployment })
        #expect(untouched.spec.template.spec.containers.first?.args == nil)
    }

    @Test("a kserve model behind the ALB addresses the predictor Services in the forward action")
    func kserveBehindALB() throws {
        var fleet = DemoFleet.fleet
        fleet.models[0].routing.workload = .kserve
        let rendered = Self.render(fleet: fleet)
        let ingress = try #require(rendered.ingresses.first)
        let action = try #require(ingress.metadata.annotations?["alb.ingress.kubernetes.io/actions.sd21-weighted"])
        #expect(action.contains(#""serviceName":"sd21-inf2-predictor""#))
        #expect(action.contains(#""servicePort":80"#))
        #expect(rendered.httpRoutes.isEmpty)
    }

    @Test("a deployment model behind an HTTPRoute addresses its own Services, and a Gateway from the render settings")
    func deploymentBehindHTTPRoute() throws {
        var fleet = DemoFleet.fleet
        fleet.models[0].routing.router = .gatewayAPI
        let rendered = Self.render(fleet: fleet, settings: RenderSettings(gateway: GatewayReference(name: "shared")))
        #expect(rendered.warnings.isEmpty, "\(rendered.warnings)")
        #expect(rendered.ingresses.isEmpty)
        let route = try #require(rendered.httpRoutes.first)
        #expect(route.spec.parentRefs.map(\.name) == ["shared"])
        #expect(route.spec.parentRefs.first?.namespace == nil)
        #expect(Set(route.spec.rules[0].backendRefs.map(\.name)) == Set(DemoFleet.units.map(\.kubernetes.service)))
    }

    @Test("a gateway-api model without a Gateway gets a warning and no HTTPRoute")
    func missingGateway() {
        var fleet = DemoFleet.fleet
        fleet.models[0].routing.router = .gatewayAPI
        let rendered = Self.render(fleet: fleet)
        #expect(rendered.httpRoutes.isEmpty)
        #expect(rendered.warnings.map(\.kind) == [.missingGateway])
    }
}

extension RenderedManifests {
    var inferenceServices: [InferenceService] { objects.compactMap { if case .inferenceService(let value) = $0 { value } else { nil } } }
    var httpRoutes: [HTTPRoute] { objects.compactMap { if case .httpRoute(let value) = $0 { value } else { nil } } }
}

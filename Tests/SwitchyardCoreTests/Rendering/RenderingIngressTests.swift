import SwitchyardCore
import Testing

@Suite("Rendering: ingress and ALB forward configs")
struct RenderingIngressTests {
    static let actionKey = "alb.ingress.kubernetes.io/actions.sd21-weighted"

    func forwardAction(_ rendered: RenderedManifests) throws -> JSONValue {
        let ingress = try #require(rendered.ingresses.first)
        let annotation = try #require(ingress.metadata.annotations?[Self.actionKey])
        return try #require(try ManifestSerializer.documents(from: annotation).first)
    }

    func weightsByService(_ action: JSONValue) throws -> [String: Int] {
        guard case .array(let groups)? = action["forwardConfig"]?["targetGroups"] else {
            Issue.record("no targetGroups in \(action)")
            return [:]
        }
        var weights: [String: Int] = [:]
        for group in groups {
            let name = try #require(group["serviceName"]?.stringValue)
            weights[name] = try #require(group["weight"]?.numberValue).map { Int($0) }
        }
        return weights
    }

    @Test func weightedActionCarriesThePlanWeightsAndStickiness() throws {
        let rendered = ManifestRenderer().render(RenderingFixtures.input())
        let action = try forwardAction(rendered)
        #expect(action["type"] == .string("forward"))
        #expect(try weightsByService(action) == RenderingFixtures.weights)
        #expect(action["forwardConfig"]?["targetGroupStickinessConfig"] == .object([
            JSONValue.Member("enabled", .bool(true)), JSONValue.Member("durationSeconds", .integer(200)),
        ]))
        #expect(action["forwardConfig"]?["targetGroups"]?[0]?["servicePort"] == .integer(80))
    }

    @Test func ingressFollowsSeed003() throws {
        let ingress = try #require(ManifestRenderer().render(RenderingFixtures.input()).ingresses.first)
        let annotations = try #require(ingress.metadata.annotations)
        #expect(annotations["alb.ingress.kubernetes.io/scheme"] == "internet-facing")
        #expect(annotations["alb.ingress.kubernetes.io/target-type"] == "ip")
        #expect(annotations["alb.ingress.kubernetes.io/healthcheck-path"] == "/health")
        #expect(annotations["alb.ingress.kubernetes.io/healthcheck-interval-seconds"] == "10")
        #expect(annotations["alb.ingress.kubernetes.io/healthcheck-timeout-seconds"] == "9")
        #expect(annotations["alb.ingress.kubernetes.io/healthy-threshold-count"] == "2")
        #expect(annotations["alb.ingress.kubernetes.io/unhealthy-threshold-count"] == "10")
        #expect(annotations["alb.ingress.kubernetes.io/success-codes"] == "200-301")
        #expect(ingress.spec.ingressClassName == "alb")
        let backend = try #require(ingress.spec.rules.first?.http.paths.first?.backend.service)
        #expect(backend == Ingress.ServiceBackend(name: "sd21-weighted", port: Ingress.Port(name: "use-annotation")))
    }

    @Test func atMostFiveTargetGroups() throws {
        var units = RenderingFixtures.units
        units.append(RenderingFixtures.unit("sd21-g6-cuda", instanceType: "g6.xlarge", pool: "amd-nvidia", runtime: "cuda"))
        var weights = RenderingFixtures.weights
        weights["sd21-g6-cuda"] = 5
        var ratings = RenderingFixtures.ratings
        ratings.append(UnitRating(unit: "sd21-g6-cuda", breakingPointRPS: 40, source: .manual, explanation: "hand"))
        let rendered = ManifestRenderer().render(
            RenderingFixtures.input(plan: RenderingFixtures.plan(weights: weights), units: units, ratings: ratings))
        let kept = try weightsByService(try forwardAction(rendered))
        #expect(kept.count == 5)
        #expect(kept["sd21-g6-cuda"] == nil)
        #expect(rendered.warnings.map(\.kind) == [.targetGroupLimit])
        #expect(rendered.forwardConfigs.first?.forwardConfig.targetGroups.count == 5)
    }

    @Test func elbv2ForwardConfigUsesARNsAndPascalCase() throws {
        let rendered = ManifestRenderer().render(RenderingFixtures.input())
        let config = try #require(rendered.forwardConfigs.first { $0.model == "sd21" }?.forwardConfig)
        #expect(config.targetGroups.count == 5)
        let inf2 = try #require(config.targetGroups.first { $0.targetGroupArn.contains("/sd21-inf2/") })
        #expect(inf2.weight == 40)
        #expect(config.targetGroupStickinessConfig == ELBv2ForwardConfig.StickinessConfig(enabled: true, durationSeconds: 200))
        let json = try ManifestSerializer.treeValue(config)
        #expect(json["TargetGroups"]?[0]?["TargetGroupArn"] != nil)
        #expect(json["TargetGroups"]?[0]?["Weight"] != nil)
        #expect(json["TargetGroupStickinessConfig"]?["DurationSeconds"] == .integer(200))
    }

    @Test func unitsWithoutARNsAreLeftOutOfTheELBv2ConfigWithAWarning() throws {
        var units = RenderingFixtures.units
        units[0].targetGroupARN = nil
        let rendered = ManifestRenderer().render(RenderingFixtures.input(units: units))
        #expect(rendered.forwardConfigs.first?.forwardConfig.targetGroups.count == 4)
        #expect(rendered.warnings.map(\.kind) == [.missingTargetGroupARN])
    }

    @Test func singleServiceRoutesRoundRobinThroughOneService() throws {
        let settings = RenderSettings(routingModes: ["sd21": .singleService])
        let rendered = ManifestRenderer().render(RenderingFixtures.input(settings: settings))
        let all = try #require(rendered.services.first { $0.metadata.name == "sd21-all" })
        #expect(all.spec.selector.dictionary == ["switchyard.dev/model": "sd21"])
        #expect(all.spec.ports.first?.targetPort == .string("http"))
        let ingress = try #require(rendered.ingresses.first)
        #expect(ingress.metadata.annotations?[Self.actionKey] == nil)
        #expect(ingress.spec.rules.first?.http.paths.first?.backend.service
            == Ingress.ServiceBackend(name: "sd21-all", port: Ingress.Port(number: 80)))
        #expect(rendered.forwardConfigs.isEmpty)
        // Every unit's pods expose the port the round-robin Service targets by name.
        #expect(rendered.deployments.allSatisfy { $0.spec.template.spec.containers.first?.ports.first?.name == "http" })
    }

    @Test func missingPlanLeavesTheWeightedIngressOut() {
        var input = RenderingFixtures.input()
        input.plans = []
        let rendered = ManifestRenderer().render(input)
        #expect(rendered.ingresses.isEmpty)
        #expect(rendered.warnings.map(\.kind) == [.missingPlan])
        #expect(rendered.deployments.count == 5)
    }
}

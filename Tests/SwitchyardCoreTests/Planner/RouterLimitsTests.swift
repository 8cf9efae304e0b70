import Foundation
import SwitchyardCore
import Testing

/// The planner plans within the limits of the model's router: an ALB forward action takes 5 target groups with
/// weights 0...999, an HTTPRoute rule 16 backendRefs with weights 0...1,000,000. A model with more units than its
/// router takes is planned on the best ones and the rest are excluded, as for the ALB before routers could be chosen.
@Suite("Planner: limits come from the router")
struct RouterLimitsTests {
    /// The demo's sd21 with `count` units, each a copy of a demo unit rated by hand at a slightly different figure.
    static func fleet(units count: Int, router: RouterKind) -> Fleet {
        var fleet = DemoFleet.fleet
        fleet.models[0].routing.router = router
        fleet.models[0].routing.gateway = GatewayReference(name: "inference")
        fleet.benchmarks = []
        fleet.units = (0..<count).map { index in
            var unit = DemoFleet.units[index % DemoFleet.units.count]
            unit.name = "sd21-u\(index)"
            unit.kubernetes.deployment = unit.name
            unit.kubernetes.service = unit.name
            unit.manualBreakingPointRPS = 50 + Double(index)
            return unit
        }
        return fleet
    }

    static func plan(_ fleet: Fleet, strategy: StrategyKind, weightTotal: Int = 100) -> RoutingPlan {
        // A modest demand keeps the exact replica search of `optimal` small.
        RoutingPlanner().plan(PlanningInput(
            fleet: fleet, model: fleet.models[0], strategy: strategy, demandRPS: strategy == .optimal ? 300 : 5_000,
            weightTotal: weightTotal))
    }

    @Test("the routers' limits", arguments: RouterKind.allCases)
    func limits(router: RouterKind) {
        switch router {
        case .albIngress, .elbv2:
            #expect(router.limits.maxBackends == 5)
            #expect(router.limits.weightRange == 0...999)
        case .gatewayAPI:
            #expect(router.limits.maxBackends == 16)
            #expect(router.limits.weightRange == 0...1_000_000)
        }
    }

    @Test("20 units: 5 routed behind an ALB, 16 behind an HTTPRoute, the rest excluded as over the limit",
          arguments: [(RouterKind.albIngress, StrategyKind.cost), (.albIngress, .capacity), (.albIngress, .optimal),
                      (.gatewayAPI, .cost), (.gatewayAPI, .capacity), (.gatewayAPI, .optimal)])
    func unitsOverTheLimit(router: RouterKind, strategy: StrategyKind) {
        let plan = Self.plan(Self.fleet(units: 20, router: router), strategy: strategy)
        let routed = plan.entries.filter { $0.weight > 0 }
        #expect(routed.count <= router.limits.maxBackends)
        #expect(plan.entries.count <= router.limits.maxBackends)
        if strategy != .optimal {
            #expect(routed.count == router.limits.maxBackends)
            let over = plan.excluded.filter { $0.reason == .overTargetGroupLimit }
            #expect(over.count == 20 - router.limits.maxBackends)
            let holder = router == .gatewayAPI ? "an HTTPRoute rule" : "an ALB forward action"
            #expect(over.allSatisfy { $0.detail.contains("\(holder) takes only the \(router.limits.maxBackends)") })
        }
        #expect(plan.entries.map(\.weight).reduce(0, +) == 100)
    }

    @Test("a weight total beyond 999 stands behind an HTTPRoute and is cut to 999 behind an ALB")
    func weightTotals() {
        let route = Self.plan(Self.fleet(units: 20, router: .gatewayAPI), strategy: .cost, weightTotal: 1_000_000)
        #expect(route.weightTotal == 1_000_000)
        #expect(route.entries.map(\.weight).reduce(0, +) == 1_000_000)
        #expect(route.entries.allSatisfy { RouterLimits.httpRoute.weightRange.contains($0.weight) })

        let alb = Self.plan(Self.fleet(units: 20, router: .albIngress), strategy: .cost, weightTotal: 1_000_000)
        #expect(alb.weightTotal == 999)
        #expect(alb.entries.map(\.weight).reduce(0, +) == 999)
        #expect(alb.notes.contains { $0.contains("outside 1...999") })

        let tooMuch = Self.plan(Self.fleet(units: 3, router: .gatewayAPI), strategy: .cost, weightTotal: 2_000_000)
        #expect(tooMuch.weightTotal == 1_000_000)
    }

    @Test("rendered: at most 16 backendRefs in the HTTPRoute, 5 target groups in the forward action, weights in range")
    func renderedWithinLimits() throws {
        for router in [RouterKind.albIngress, .gatewayAPI] {
            let fleet = Self.fleet(units: 20, router: router)
            let planner = RoutingPlanner()
            let input = PlanningInput(fleet: fleet, model: fleet.models[0], strategy: .cost, weightTotal: router.limits.maxWeight)
            let rendered = ManifestRenderer().render(RenderInput(
                fleet: fleet, ratings: planner.ratings(input).values.sorted { $0.unit < $1.unit }, plans: [planner.plan(input)]))
            #expect(!rendered.warnings.contains { $0.kind == .targetGroupLimit }, "the plan already keeps within the limit")
            switch router {
            case .gatewayAPI:
                let backends = try #require(rendered.httpRoutes.first?.spec.rules.first?.backendRefs)
                #expect(backends.count == 16)
                #expect(backends.allSatisfy { (0...1_000_000).contains($0.weight) })
                #expect(backends.map(\.weight).reduce(0, +) == 1_000_000)
            default:
                let action = try #require(rendered.ingresses.first?.metadata.annotations?["alb.ingress.kubernetes.io/actions.sd21-weighted"])
                #expect(action.components(separatedBy: #""weight""#).count - 1 == 5)
            }
        }
    }

    @Test("a plan with more units than the router takes (set by hand) is cut to the router's limit when rendered")
    func renderCutsAnOversizedPlan() throws {
        let fleet = Self.fleet(units: 20, router: .gatewayAPI)
        var plan = Self.plan(Self.fleet(units: 20, router: .gatewayAPI), strategy: .cost)
        plan.entries = fleet.units.map { unit in
            PlanEntry(unit: unit.name, breakingPointRPS: 50, costPer1kInferencesUSD: 0, weight: 5, expectedRPS: 0, hourlyCostUSD: 0, reasons: [])
        }
        let rendered = ManifestRenderer().render(RenderInput(fleet: fleet, ratings: [], plans: [plan]))
        #expect(rendered.httpRoutes.first?.spec.rules.first?.backendRefs.count == 16)
        let warning = try #require(rendered.warnings.first { $0.kind == .targetGroupLimit })
        #expect(warning.message.contains("an HTTPRoute rule takes at most 16 backendRefs"))
    }
}

import Testing
import SwitchyardCore

@Suite("Cost strategy")
struct CostStrategyTests {
    /// 1 / cost ∝ breaking point / price: 138.5, 96.7, 89.5, 75.8, 59.6 → quotas 30.10, 21.02, 19.44, 16.47,
    /// 12.96 → 30, 21, 19, 17, 13. Seed 004 ships 40/20/15/10/15, which were tuned by hand.
    @Test("Seed fleet: cheaper units get more, by inverse cost")
    func seedWeights() {
        let plan = RoutingPlanner().plan(PlannerFixtures.demoInput(.cost))
        #expect(plan.entries.map(\.weight) == [30, 21, 19, 17, 13])
        #expect(plan.entries.map(\.expectedRPS) == [90, 63, 57, 51, 39])
        #expect(plan.demandRPS == 300)
        #expect(plan.totals.servedRPS == nil)
        #expect(abs(plan.totals.hourlyCostUSD - (0.7582 + 1.3438 + 1.006 + 0.8048 + 1.006)) < 1e-9)
    }

    @Test("When the neuron pool is short, the NVIDIA units share all traffic")
    func shortPool() {
        let plan = RoutingPlanner().plan(PlannerFixtures.demoInput(.cost, shortPools: ["amd-neuron"]))
        #expect(plan.entries.map(\.unit) == ["sd21-g5-triton", "sd21-g6-triton", "sd21-g5-cuda"])
        #expect(plan.entries.map(\.weight).reduce(0, +) == 100)
        #expect(plan.excluded.map(\.unit).sorted() == ["sd21-inf2", "sd21-trn1"])
        #expect(plan.excluded.allSatisfy { $0.reason == .poolShort })
    }

    @Test("More than five qualifying units: the five cheapest are routed, the rest excluded")
    func overTargetGroupLimit() {
        let specs = (1...7).map { (name: "u\($0)", breakingPoint: Optional(100.0), hourly: Optional(Double($0))) }
        let plan = RoutingPlanner().plan(PlannerFixtures.input(specs, strategy: .cost))
        #expect(plan.entries.map(\.unit) == ["u1", "u2", "u3", "u4", "u5"])
        #expect(plan.excluded.map(\.unit) == ["u6", "u7"])
        #expect(plan.excluded.allSatisfy { $0.reason == .overTargetGroupLimit })
        #expect(plan.entries.map(\.weight).reduce(0, +) == 100)
    }

    @Test("Disabled, unrated and unpriced units are excluded with their reasons")
    func exclusions() {
        var input = PlannerFixtures.input([
            ("ok", 100, 1.0), ("unrated", nil, 1.0), ("unpriced", 100, nil), ("off", 100, 1.0),
        ], strategy: .cost)
        input.units[3].enabled = false
        let plan = RoutingPlanner().plan(input)
        #expect(plan.entries.map(\.unit) == ["ok"])
        #expect(plan.entries.first?.weight == 100)
        let reasons = Dictionary(uniqueKeysWithValues: plan.excluded.map { ($0.unit, $0.reason) })
        #expect(reasons == ["unrated": .unrated, "unpriced": .noPrice, "off": .disabled])
    }
}

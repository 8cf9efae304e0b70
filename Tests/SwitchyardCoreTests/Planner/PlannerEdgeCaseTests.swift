import Foundation
import Testing
import SwitchyardCore

@Suite("Planner edge cases")
struct PlannerEdgeCaseTests {
    let planner = RoutingPlanner()

    @Test("One unit takes the whole total under every strategy", arguments: StrategyKind.allCases)
    func oneUnit(strategy: StrategyKind) {
        let plan = planner.plan(PlannerFixtures.input([("only", 50, 1.0)], strategy: strategy, demand: 120, weightTotal: 250))
        #expect(plan.entries.map(\.unit) == ["only"])
        #expect(plan.entries.first?.weight == 250)
        #expect(plan.weightTotal == 250)
        #expect(plan.excluded.isEmpty)
        if strategy == .optimal {
            // 120 × 1.2 = 144 rps needs 3 replicas of 50 rps.
            #expect(plan.entries.first?.replicas == 3)
            #expect(plan.totals.hourlyCostUSD == 3)
            #expect(plan.totals.unservedRPS == 0)
        }
    }

    @Test("All units unrated: no traffic, every unit excluded as unrated, no crash", arguments: StrategyKind.allCases)
    func allUnrated(strategy: StrategyKind) {
        let plan = planner.plan(PlannerFixtures.input([("a", nil, 1.0), ("b", nil, 2.0)], strategy: strategy))
        #expect(plan.entries.isEmpty)
        #expect(plan.weightTotal == 0)
        #expect(plan.excluded.map(\.reason) == [.unrated, .unrated])
        #expect(plan.totals.capacityRPS == 0)
        #expect(!plan.notes.isEmpty)
    }

    @Test("Every pool short: no traffic, every unit excluded as pool short", arguments: StrategyKind.allCases)
    func everyPoolShort(strategy: StrategyKind) {
        let plan = planner.plan(PlannerFixtures.demoInput(strategy, shortPools: ["amd-neuron", "amd-nvidia"]))
        #expect(plan.entries.isEmpty)
        #expect(plan.weightTotal == 0)
        #expect(plan.excluded.count == 5)
        #expect(plan.excluded.allSatisfy { $0.reason == .poolShort })
    }

    @Test("Zero demand keeps the unit that is cheapest at its minimum replicas")
    func zeroDemand() {
        var input = PlannerFixtures.input([("dear", 100, 2.0), ("cheap", 20, 0.6), ("mid", 50, 1.0)], strategy: .optimal, demand: 0)
        input.units[1].minReplicas = 2
        let plan = planner.plan(input)
        // cheap needs 2 replicas ($1.20); mid runs one for $1.00.
        #expect(plan.entries.map(\.unit) == ["mid"])
        #expect(plan.entries.first?.replicas == 1)
        #expect(plan.entries.first?.weight == 100)
        #expect(plan.entries.first?.expectedRPS == 0)
        #expect(plan.totals.servedRPS == 0 && plan.totals.unservedRPS == 0)
        #expect(plan.notes.contains { $0.contains("demand is 0") })
        #expect(Set(plan.excluded.map(\.reason)) == [.notNeeded])
    }

    @Test("Ties are broken by name, deterministically", arguments: StrategyKind.allCases)
    func ties(strategy: StrategyKind) {
        let specs: [(name: String, breakingPoint: Double?, hourly: Double?)] = [("b", 100, 1.0), ("a", 100, 1.0), ("c", 100, 1.0)]
        let plan = planner.plan(PlannerFixtures.input(specs, strategy: strategy, demand: 250, headroom: 0))
        let again = planner.plan(PlannerFixtures.input(specs.reversed(), strategy: strategy, demand: 250, headroom: 0))
        #expect(plan.entries.map(\.unit) == again.entries.map(\.unit))
        #expect(plan.entries.map(\.weight) == again.entries.map(\.weight))
        if strategy == .optimal {
            // 250 rps needs three replicas whichever unit runs them; the first by name does.
            #expect(plan.entries.map(\.unit) == ["a"])
            #expect(plan.entries.map(\.replicas) == [3])
            #expect(plan.entries.map(\.weight) == [100])
        } else {
            #expect(plan.entries.map(\.unit) == ["a", "b", "c"])
            #expect(plan.entries.map(\.weight) == [34, 33, 33])
        }
    }

    @Test("Demand beyond all capacity: carry the most, note it, report the unserved rps")
    func beyondCapacity() {
        let plan = planner.plan(PlannerFixtures.demoInput(.optimal, demand: 10_000))
        // Five units × 10 replicas of 105 + 130 + 90 + 61 + 60 rps.
        #expect(plan.totals.capacityRPS == 4460)
        #expect(plan.totals.servedRPS == 4460)
        #expect(plan.totals.unservedRPS == 5540)
        #expect(plan.entries.allSatisfy { $0.replicas == 10 })
        #expect(plan.notes.contains { $0.contains("cannot be met") })
        #expect(plan.entries.map(\.weight).reduce(0, +) == 100)
    }

    @Test("Optimal on the seed fleet: 360 rps is cheapest as four inf2 replicas")
    func seedOptimal() {
        let plan = planner.plan(PlannerFixtures.demoInput(.optimal))
        #expect(plan.demandRPS == 300 && plan.headroom == 0.2)
        #expect(plan.entries.map(\.unit) == ["sd21-inf2"])
        #expect(plan.entries.first?.replicas == 4)
        #expect(abs(plan.totals.hourlyCostUSD - 4 * 0.7582) < 1e-12)
        #expect(plan.totals.capacityRPS == 420)
        #expect(plan.excluded.count == 4 && plan.excluded.allSatisfy { $0.reason == .notNeeded })
    }

    @Test("With inf2's pool short, optimal moves to the NVIDIA pool")
    func seedOptimalNeuronShort() {
        let plan = planner.plan(PlannerFixtures.demoInput(.optimal, shortPools: ["amd-neuron"]))
        #expect(plan.entries.allSatisfy { !$0.unit.contains("inf2") && !$0.unit.contains("trn1") })
        #expect(plan.totals.capacityRPS >= 360)
        #expect(plan.totals.unservedRPS == 0)
        let replicas = plan.entries.map { $0.replicas ?? 0 }.reduce(0, +)
        #expect(replicas > 0)
    }

    @Test("A weight total outside 1...999 is clamped and noted")
    func weightTotalClamped() {
        let plan = planner.plan(PlannerFixtures.input([("a", 10, 1.0), ("b", 10, 1.0)], strategy: .cost, weightTotal: 2000))
        #expect(plan.weightTotal == 999)
        #expect(plan.entries.map(\.weight) == [500, 499])
        #expect(plan.notes.contains { $0.contains("2000") })
    }

    @Test("Plans encode to JSON: no NaN or infinity anywhere", arguments: StrategyKind.allCases)
    func encodable(strategy: StrategyKind) throws {
        let plans = [
            planner.plan(PlannerFixtures.demoInput(strategy)),
            planner.plan(PlannerFixtures.input([("a", nil, nil), ("b", 0, 0)], strategy: strategy, demand: .nan, headroom: -.infinity)),
        ]
        for plan in plans {
            #expect(throws: Never.self) { try JSONEncoder().encode(plan) }
        }
    }
}

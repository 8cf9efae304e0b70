import Testing
import SwitchyardCore

@Suite("Capacity strategy")
struct CapacityStrategyTests {
    @Test("Table 2: target 446 / 5 = 89.2 and adjusted throughputs exact")
    func table2() throws {
        let plan = RoutingPlanner().plan(PlannerFixtures.demoInput(.capacity))
        let adjusted = Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.unit, $0.adjustedThroughputRPS) })
        let expected: [String: Double] = [
            "sd21-inf2": 89.2, "sd21-trn1": 89.2, "sd21-g5-triton": 89.2, "sd21-g6-triton": 61.0, "sd21-g5-cuda": 60.0,
        ]
        for (unit, value) in expected { #expect(adjusted[unit] == value, "\(unit)") }
        #expect(plan.entries.count == 5)
        #expect(plan.excluded.isEmpty)
    }

    @Test("Weights ∝ adjusted throughput by largest remainder: 22.95 × 3, 15.70, 15.44 → 23, 23, 23, 16, 15")
    func weights() {
        let plan = RoutingPlanner().plan(PlannerFixtures.demoInput(.capacity))
        #expect(plan.entries.map(\.unit) == ["sd21-trn1", "sd21-inf2", "sd21-g5-triton", "sd21-g6-triton", "sd21-g5-cuda"])
        #expect(plan.entries.map(\.weight) == [23, 23, 23, 16, 15])
        #expect(plan.weightTotal == 100)
        // Expected rps are shares of sd21's 300 rps.
        #expect(plan.entries.map(\.expectedRPS) == [69, 69, 69, 48, 45])
        #expect(plan.totals.capacityRPS == 446)
    }

    @Test("A short pool drops its units and the target is taken over the rest")
    func shortPool() throws {
        let plan = RoutingPlanner().plan(PlannerFixtures.demoInput(.capacity, shortPools: ["amd-nvidia"]))
        #expect(plan.entries.map(\.unit) == ["sd21-trn1", "sd21-inf2"])
        #expect(plan.entries.map(\.adjustedThroughputRPS) == [117.5, 105])
        #expect(Set(plan.excluded.map(\.reason)) == [.poolShort])
        #expect(plan.excluded.count == 3)
    }
}

import Testing
@testable import SwitchyardCore

/// Units in a short pool that still have ready replicas: capped at what those replicas carry, never grown.
///
/// The demo fleet's sd21 units (seed 004's Table 1): inf2 105 rps at $0.7582/h, trn1 130 at $1.3438,
/// g5-triton 90 at $1.006, g6-triton 61 at $0.8048, g5-cuda 60 at $1.006. Cost scores ∝ 1 / cost per
/// inference give shares of 30.09 / 21.03 / 19.44 / 16.47 / 12.96 %.
@Suite("Planner: running capacity in short pools")
struct RunningCapacityTests {
    let planner = RoutingPlanner()

    func input(
        _ strategy: StrategyKind, demand: Double?, shortPools: Set<String> = ["amd-neuron"],
        running: [String: Int] = ["sd21-inf2": 1, "sd21-trn1": 1]
    ) -> PlanningInput {
        PlanningInput(
            fleet: DemoFleet.fleet, model: DemoFleet.model, strategy: strategy, shortPools: shortPools,
            runningReplicas: running, demandRPS: demand
        )
    }

    func weights(_ plan: RoutingPlan) -> [String: Int] {
        Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.unit, $0.weight) })
    }

    /// Rows: strategy, demand, expected weights of inf2, trn1, g5-triton, g6-triton, g5-cuda.
    /// - cost 200: inf2's share is 60.2 rps, under its 105, so the cost weights stand (30/21/19/17/13);
    /// - cost 400: inf2 would take 120.4, is cut to 105 (weight 26); the other 295 rps go ∝ 1 / cost,
    ///   trn1 88.7 (under 130), g5-triton 82.1, g6 69.5, g5-cuda 54.7 → 22/21/17/14 of the remaining 74;
    /// - cost 1000: both capped, 105 → 10 (10.5 floored to fit) and 130 → 13; the other 765 rps go
    ///   304.3 / 257.8 / 202.9 → 31/26/20;
    /// - capacity 300: Table 2's 23/23/23/16/15 give inf2 and trn1 68.9 each, under both caps;
    /// - capacity 600: trn1 137.6 and inf2 137.6 are cut to 130 (21.67 → 21) and 105 (17.5 → 17); the
    ///   other 365 rps go ∝ 89.2 / 61 / 60 → 154.9 / 105.9 / 104.2 → 26/18/18 of the remaining 62;
    /// - capacity 1000: 130 → 13, 105 → 10, the other 765 rps → 324.6 / 222 / 218.4 → 33/22/22.
    @Test("short pools' running capacity caps the weights; the rest follows the strategy's rule", arguments: [
        (StrategyKind.cost, 200.0, [30, 21, 19, 17, 13]),
        (.cost, 400, [26, 22, 21, 17, 14]),
        (.cost, 1000, [10, 13, 31, 26, 20]),
        (.capacity, 300, [23, 23, 23, 16, 15]),
        (.capacity, 600, [17, 21, 26, 18, 18]),
        (.capacity, 1000, [10, 13, 33, 22, 22]),
    ])
    func cappedWeights(strategy: StrategyKind, demand: Double, expected: [Int]) throws {
        let plan = planner.plan(input(strategy, demand: demand))
        let names = ["sd21-inf2", "sd21-trn1", "sd21-g5-triton", "sd21-g6-triton", "sd21-g5-cuda"]
        let byUnit = weights(plan)
        #expect(names.map { byUnit[$0] ?? -1 } == expected)
        #expect(plan.excluded.isEmpty)
        #expect(plan.entries.map(\.weight).reduce(0, +) == 100)
        for (unit, cap) in [("sd21-inf2", 105.0), ("sd21-trn1", 130.0)] {
            let entry = try #require(plan.entries.first { $0.unit == unit })
            #expect(entry.expectedRPS <= cap)
            #expect(entry.reasons.contains { $0.hasPrefix("pool short: capped at running capacity \(Int(cap)) rps") })
        }
    }

    @Test("no running replicas, or running replicas outside short pools, change nothing", arguments: [
        StrategyKind.cost, .capacity, .optimal,
    ])
    func nothingRunningChangesNothing(strategy: StrategyKind) {
        let excluded = planner.plan(input(strategy, demand: 700, running: [:]))
        let zero = planner.plan(input(strategy, demand: 700, running: ["sd21-inf2": 0, "sd21-trn1": -2]))
        #expect(zero == excluded)
        #expect(Set(excluded.excluded.filter { $0.reason == .poolShort }.map(\.unit)) == ["sd21-inf2", "sd21-trn1"])
        let healthy = planner.plan(input(strategy, demand: 700, shortPools: [], running: [:]))
        let ignored = planner.plan(input(strategy, demand: 700, shortPools: [], running: ["sd21-g5-triton": 1, "sd21-inf2": 1]))
        #expect(ignored == healthy)
    }

    @Test("when every unit that can take traffic is capped, the overflow is split by running capacity and noted")
    func everyUnitCapped() {
        let plan = planner.plan(input(.cost, demand: 1000, shortPools: ["amd-neuron", "amd-nvidia"]))
        // 105 : 130 of 100 is 44.7 : 55.3.
        #expect(weights(plan) == ["sd21-inf2": 45, "sd21-trn1": 55])
        #expect(plan.excluded.count == 3)
        #expect(plan.notes.contains { $0.contains("765 rps") })
    }

    @Test("running replicas above the unit's maximum count only up to it")
    func runningAboveMaximum() throws {
        let plan = planner.plan(input(.cost, demand: 5000, running: ["sd21-inf2": 40]))
        let inf2 = try #require(plan.entries.first { $0.unit == "sd21-inf2" })
        // The demo's units run at most 10 replicas: 1,050 rps of 5,000 is 21 %.
        #expect(inf2.weight == 21)
        #expect(inf2.reasons.contains { $0.hasPrefix("pool short: capped at running capacity 1050 rps (10 ready") })
    }

    @Test("optimal keeps the running replicas and plans the rest as if only the others existed")
    func optimalAroundRunning() throws {
        let running = ["sd21-inf2": 2, "sd21-trn1": 1]
        // 500 rps × 1.2 = 600 required; inf2 2 × 105 + trn1 130 = 340 kept; 260 left for the GPUs,
        // which is what a plan without the neuron units asks for at 260 / 1.2 rps.
        let plan = planner.plan(input(.optimal, demand: 500, running: running))
        let alone = planner.plan(input(.optimal, demand: 260 / 1.2, running: [:]))
        #expect(alone.entries.allSatisfy { !$0.unit.hasPrefix("sd21-inf2") && !$0.unit.hasPrefix("sd21-trn1") })
        let replicas = Dictionary(uniqueKeysWithValues: plan.entries.map { ($0.unit, $0.replicas ?? 0) })
        #expect(replicas["sd21-inf2"] == 2)
        #expect(replicas["sd21-trn1"] == 1)
        for entry in alone.entries { #expect(replicas[entry.unit] == entry.replicas, "\(entry.unit)") }
        #expect(plan.entries.count == 2 + alone.entries.count)
        #expect(abs(plan.totals.capacityRPS - (340 + alone.totals.capacityRPS)) < 1e-9)
        #expect(abs(plan.totals.hourlyCostUSD - (2 * 0.7582 + 1.3438 + alone.totals.hourlyCostUSD)) < 1e-9)
        #expect(plan.totals.servedRPS == 500)
        let inf2 = try #require(plan.entries.first { $0.unit == "sd21-inf2" })
        #expect(inf2.expectedRPS <= 210)
        #expect(inf2.reasons.contains { $0.hasPrefix("pool short: capped at running capacity 210 rps") })
        #expect(plan.notes.contains { $0.contains("carry 340 rps") && $0.contains("remaining 260 rps") })
    }

    @Test("optimal needs no other unit when the running replicas carry demand with headroom")
    func optimalRunningSuffices() {
        let plan = planner.plan(input(.optimal, demand: 150))
        #expect(plan.entries.map(\.unit).sorted() == ["sd21-inf2", "sd21-trn1"])
        #expect(plan.entries.map(\.replicas) == [1, 1])
        #expect(plan.excluded.allSatisfy { $0.reason == .notNeeded })
        #expect(plan.totals.unservedRPS == 0)
        #expect(abs(plan.totals.hourlyCostUSD - (0.7582 + 1.3438)) < 1e-9)
    }

    @Test("the split never sends a capped unit more than its cap while another unit can grow")
    func splitProperties() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<2000 {
            let count = Int.random(in: 1...5, using: &generator)
            let scores = (0..<count).map { _ in Double.random(in: 0...10, using: &generator) }
            let caps: [Double?] = (0..<count).map { _ in Bool.random(using: &generator) ? Double.random(in: 1...300, using: &generator) : nil }
            let demand = Double.random(in: 0...1000, using: &generator)
            let total = Int.random(in: 1...999, using: &generator)
            let split = CappedSplit(scores: scores, caps: caps, demandRPS: demand, total: total)
            let positive = scores.contains { $0 > 0 }
            #expect(split.weights.reduce(0, +) == (positive ? total : 0))
            #expect(split.sharesRPS.reduce(0, +) + split.overflowRPS <= demand + 1e-6)
            let growing = scores.indices.contains { caps[$0] == nil && scores[$0] > 0 }
            if positive { #expect(abs(split.sharesRPS.reduce(0, +) + split.overflowRPS - demand) < 1e-6) }
            guard growing else { continue }
            #expect(split.overflowRPS == 0)
            for index in scores.indices {
                guard let cap = caps[index] else { continue }
                #expect(split.sharesRPS[index] <= cap + 1e-9)
                #expect(demand * Double(split.weights[index]) / Double(total) <= cap + 1e-6)
            }
        }
    }
}

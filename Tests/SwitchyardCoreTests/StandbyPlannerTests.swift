import Foundation
import Testing
@testable import SwitchyardCore

@Suite("Warm standby")
struct StandbyPlannerTests {
    let planner = StandbyPlanner()
    let input = PlanningInput(fleet: DemoFleet.fleet, model: DemoFleet.model, strategy: .optimal)
    let inf2 = UnitMix(replicas: ["sd21-inf2": 3], weights: ["sd21-inf2": 100], capacityRPS: 315, hourlyUSD: 2.2746)
    let timing = ["sd21-inf2": 720.0, "sd21-trn1": 720, "sd21-g5-triton": 420, "sd21-g6-triton": 420, "sd21-g5-cuda": 480]

    /// The nvidia pool's units, cheapest per request first, as the planner rates and prices them.
    var nvidiaByCostPerRequest: [String] {
        let catalog = MixCatalog(input)
        return catalog.units.values.filter { $0.definition.pool == "amd-nvidia" }
            .sorted { $0.hourlyUSD / $0.capacityRPS < $1.hourlyUSD / $1.capacityRPS }
            .map(\.definition.name)
    }

    @Test("standby 0 keeps nothing warm")
    func zero() {
        let plan = planner.plan(.none, mix: inf2, input: input, requiredRPS: 300, history: .none(), secondsUntilServing: timing)
        #expect(plan.floors.isEmpty)
        #expect(plan.hourlyUSD == 0)
    }

    @Test("standby N keeps N replicas on the cheapest unit outside the mix's pools, priced")
    func fixed() throws {
        let plan = planner.plan(.replicas(2), mix: inf2, input: input, requiredRPS: 300, history: .none(), secondsUntilServing: timing)
        let cheapest = try #require(nvidiaByCostPerRequest.first)
        #expect(plan.floors == [cheapest: 2])
        let unit = try #require(MixCatalog(input).units[cheapest])
        #expect(abs(plan.hourlyUSD - 2 * unit.hourlyUSD) < 1e-9)
        #expect(abs(plan.capacityRPS - 2 * unit.capacityRPS) < 1e-9)
        #expect(plan.reason.contains("standby 2"))
        // Never on the mix's own pool, whose shortage it must survive.
        #expect(plan.floors["sd21-trn1"] == nil)
    }

    @Test("standby N spills to the next-cheapest unit once the cheapest is at its maximum replicas")
    func spills() {
        var limited = input
        let cheapest = nvidiaByCostPerRequest[0]
        limited.units = limited.units.map { unit in
            var unit = unit
            if unit.name == cheapest { unit.maxReplicas = 1 }
            return unit
        }
        let plan = planner.plan(.replicas(3), mix: inf2, input: limited, requiredRPS: 300, history: .none(), secondsUntilServing: timing)
        #expect(plan.floors[cheapest] == 1)
        #expect(plan.floors.values.reduce(0, +) == 3)
        #expect(plan.floors.keys.allSatisfy { nvidiaByCostPerRequest.contains($0) })
    }

    @Test("auto keeps nothing for a pool never short, or short too rarely to matter")
    func autoQuiet() {
        let never = planner.plan(.auto, mix: inf2, input: input, requiredRPS: 300, history: .none(), secondsUntilServing: timing)
        #expect(never.floors.isEmpty)
        #expect(never.reason.contains("auto"))
        // One shortage a week at 420 s to fail over from cold: 0.07 % of the time, within the 0.1 % budget.
        let rare = ShortageHistory(episodes: ["amd-neuron": 1], windowSeconds: ShortageHistory.defaultWindowSeconds)
        #expect(planner.plan(.auto, mix: inf2, input: input, requiredRPS: 300, history: rare, secondsUntilServing: timing).floors.isEmpty)
    }

    @Test("auto covers the share of a mix pool short often enough, at the target utilisation")
    func autoCovers() throws {
        // Three shortages a week at 420 s each: 0.21 % of the time unserved from cold.
        let often = ShortageHistory(episodes: ["amd-neuron": 3], windowSeconds: ShortageHistory.defaultWindowSeconds)
        let plan = planner.plan(.auto, mix: inf2, input: input, requiredRPS: 300, history: often, secondsUntilServing: timing)
        #expect(!plan.floors.isEmpty)
        #expect(plan.capacityRPS * planner.targetUtilization >= 300 - 1e-9)
        // The smallest such standby: one replica fewer would not carry the share.
        let catalog = MixCatalog(input)
        let unit = try #require(plan.floors.keys.first.flatMap { catalog.units[$0] })
        #expect((plan.capacityRPS - unit.capacityRPS) * planner.targetUtilization < 300)
        #expect(plan.reason.contains("amd-neuron"))
        #expect(plan.hourlyUSD > 0)
    }

    @Test("a short pool never holds standby")
    func shortPool() {
        var short = input
        short.shortPools = ["amd-nvidia"]
        let plan = planner.plan(.replicas(2), mix: inf2, input: short, requiredRPS: 300, history: .none(), secondsUntilServing: timing)
        #expect(plan.floors.isEmpty)
    }

    @Test("shortage episodes count once per shortage, not per report")
    func episodes() {
        let start = Date(timeIntervalSince1970: 1_000_000)
        func signal(_ pool: String, _ condition: CapacityCondition, _ minutes: Double) -> CapacitySignal {
            CapacitySignal(pool: pool, condition: condition, source: .operator, reason: "test", observedAt: start.addingTimeInterval(minutes * 60))
        }
        let signals = [
            signal("a", .short, 0), signal("a", .short, 1), signal("a", .short, 2), signal("a", .recovered, 30),
            signal("a", .short, 60), signal("b", .short, 5), signal("old", .short, -20_000),
        ]
        let history = ShortageHistory(signals: signals, windowSeconds: 86_400, now: start.addingTimeInterval(7_200))
        #expect(history.episodes == ["a": 2, "b": 1])
        #expect(abs(history.exposure(of: "a", recoverySeconds: 432) - 0.01) < 1e-12)
    }

    @Test("standby policies read and write as auto or a number")
    func coding() throws {
        let encoded = try JSONEncoder().encode([StandbyPolicy.auto, .replicas(3)])
        #expect(String(decoding: encoded, as: UTF8.self) == #"["auto",3]"#)
        #expect(try JSONDecoder().decode([StandbyPolicy].self, from: Data(#"["auto", 0, "2"]"#.utf8)) == [.auto, .none, .replicas(2)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([StandbyPolicy].self, from: Data(#"["warm"]"#.utf8)) }
        #expect(StandbyPolicy(text: "-1") == nil)
        #expect(StandbyPolicy(text: "01") == nil)
    }
}

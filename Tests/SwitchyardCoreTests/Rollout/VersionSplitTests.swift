import SwitchyardCore
import Testing

@Suite("Version split")
struct VersionSplitTests {
    /// The demo fleet plus `count` units of `sd21` at version v2, copies of its first units with a manual rating.
    static func fleet(v2Units count: Int = 2, router: RouterKind = .albIngress) -> Fleet {
        var fleet = DemoFleet.fleet
        fleet.models[0].routing.router = router
        for source in fleet.units.prefix(count) {
            var unit = source
            unit.name = "\(source.name)-v2"
            unit.kubernetes.deployment += "-v2"
            unit.kubernetes.service += "-v2"
            unit.version = "v2"
            unit.manualBreakingPointRPS = 50
            fleet.units.append(unit)
        }
        return fleet
    }

    static func plan(_ fleet: Fleet, _ versions: VersionRouting?, shortPools: Set<String> = [], strategy: StrategyKind? = nil) throws -> RoutingPlan {
        let desired = DesiredStateBuilder().build(
            fleet: fleet, strategies: strategy.map { ["sd21": $0] } ?? [:], shortPools: shortPools,
            versions: versions.map { ["sd21": $0] } ?? [:])
        return try #require(desired.plan(for: "sd21"))
    }

    static func weight(_ plan: RoutingPlan, version: String?, in fleet: Fleet) -> Int {
        let names = Set(fleet.units.filter { $0.version == version }.map(\.name))
        return plan.entries.filter { names.contains($0.unit) }.map(\.weight).reduce(0, +)
    }

    @Test("a fleet without versions plans as before; a new version's units get nothing outside a rollout")
    func outsideRollout() throws {
        let before = try Self.plan(DemoFleet.fleet, nil)
        let fleet = Self.fleet()
        let after = try Self.plan(fleet, nil)
        #expect(after.entries == before.entries)
        #expect(Set(after.excluded.filter { $0.reason == .otherVersion }.map(\.unit)) == ["sd21-inf2-v2", "sd21-trn1-v2"])
    }

    @Test("each step gives the canary its share of the total, within the ALB's 5 target groups",
          arguments: [1, 5, 25, 50, 99, 100])
    func steps(percent: Int) throws {
        let fleet = Self.fleet()
        let plan = try Self.plan(fleet, VersionRouting(stable: nil, canary: "v2", canaryPercent: percent))
        #expect(plan.entries.map(\.weight).reduce(0, +) == 100)
        #expect(plan.entries.count <= RouterLimits.alb.maxBackends)
        #expect(plan.entries.allSatisfy { RouterLimits.alb.weightRange.contains($0.weight) })
        #expect(Self.weight(plan, version: "v2", in: fleet) == percent)
        #expect(Self.weight(plan, version: nil, in: fleet) == 100 - percent)
        let canaryUnits = plan.entries.filter { $0.unit.hasSuffix("-v2") && $0.weight > 0 }
        #expect(!canaryUnits.isEmpty)
    }

    @Test("a tiny share of a small total still gives the canary one weight unit")
    func tinyShare() throws {
        let split = VersionSplit(limits: .alb)
        let entry = { (unit: String, weight: Int) in
            PlanEntry(unit: unit, breakingPointRPS: 10, costPer1kInferencesUSD: 1, weight: weight, expectedRPS: 1, hourlyCostUSD: 1, reasons: [])
        }
        let stable = RoutingPlan(model: "m", strategy: .cost, weightTotal: 10, entries: [entry("a", 6), entry("b", 4)], excluded: [],
                                 totals: PlanTotals(capacityRPS: 20, hourlyCostUSD: 2))
        let canary = RoutingPlan(model: "m", strategy: .cost, weightTotal: 10, entries: [entry("c", 10)], excluded: [],
                                 totals: PlanTotals(capacityRPS: 10, hourlyCostUSD: 1))
        let plan = split.combine(stable: stable, canary: canary, percent: 1, versions: VersionRouting(stable: nil, canary: "v2", canaryPercent: 1))
        #expect(plan.weight(of: "c") == 1)
        #expect(plan.weight(of: "a") + plan.weight(of: "b") == 9)
    }

    @Test("an HTTPRoute takes 16 backendRefs: every unit of both versions is routed")
    func httpRoute() throws {
        let fleet = Self.fleet(v2Units: 5, router: .gatewayAPI)
        let plan = try Self.plan(fleet, VersionRouting(stable: nil, canary: "v2", canaryPercent: 25))
        #expect(plan.entries.filter { $0.weight > 0 }.count == 10)
        #expect(Self.weight(plan, version: "v2", in: fleet) == 25)
    }

    @Test("a failover during a rollout keeps the version split: the failover strategy applies within each version")
    func failoverKeepsSplit() throws {
        let fleet = Self.fleet()
        let versions = VersionRouting(stable: nil, canary: "v2", canaryPercent: 25)
        let plan = try Self.plan(fleet, versions, shortPools: ["amd-neuron"], strategy: .capacity)
        #expect(plan.strategy == .capacity)
        // The v2 units are both in amd-neuron, short with nothing running: the stable version carries everything.
        #expect(Self.weight(plan, version: "v2", in: fleet) == 0)
        #expect(plan.notes.contains { $0.contains("no unit of v2 qualifies") })
        // With the short pool on the stable side only, the canary keeps its 25 %.
        let nvidia = try Self.plan(fleet, versions, shortPools: ["amd-nvidia"], strategy: .capacity)
        #expect(Self.weight(nvidia, version: "v2", in: fleet) == 25)
        #expect(Self.weight(nvidia, version: nil, in: fleet) == 75)
    }

    @Test("after a promotion only the new version serves")
    func promoted() throws {
        let fleet = Self.fleet()
        let plan = try Self.plan(fleet, VersionRouting(stable: "v2"))
        #expect(Self.weight(plan, version: "v2", in: fleet) == 100)
        #expect(plan.excluded.filter { $0.reason == .otherVersion }.count == 5)
    }
}

import Testing
import SwitchyardCore

@Suite("Planner properties over random fleets")
struct PlannerPropertyTests {
    /// A random model with 1...9 units over up to three pools, some unrated, unpriced, disabled or short.
    static func randomInput(_ random: inout SeededGenerator, strategy: StrategyKind, maxUnits: Int = 9, maxReplicas: Int = 10) -> PlanningInput {
        let poolNames = ["p0", "p1", "p2"]
        let pools = poolNames.map { name in
            CapacityPool(name: name, limits: PoolLimits(
                cpu: Bool.random(using: &random) ? Int.random(in: 8...80, using: &random) : nil,
                accelerators: Bool.random(using: &random) ? Int.random(in: 1...12, using: &random) : nil,
                nodes: Bool.random(using: &random) ? Int.random(in: 1...12, using: &random) : nil
            ))
        }
        var types: [String: InstanceType] = [:]
        var units: [DeploymentUnit] = []
        for index in 0..<Int.random(in: 1...maxUnits, using: &random) {
            let typeName = "t\(index)"
            let priced = Int.random(in: 0..<10, using: &random) > 0
            // Prices from a small set so that ties happen.
            let hourly = [0.5, 0.75, 1.0, 1.25, 2.0].randomElement(using: &random)!
            types[typeName] = PlannerFixtures.instanceType(
                typeName, hourly: priced ? hourly : nil, vcpu: [4, 8].randomElement(using: &random)!
            )
            let rated = Int.random(in: 0..<8, using: &random) > 0
            let breakingPoint = rated ? Double([30, 60, 61, 90, 105, 130].randomElement(using: &random)!) : nil
            let minimum = Int.random(in: 0...2, using: &random)
            units.append(PlannerFixtures.unit(
                "u\(index)", type: typeName, pool: poolNames.randomElement(using: &random)!, breakingPoint: breakingPoint,
                min: minimum, max: Int.random(in: minimum...maxReplicas, using: &random),
                enabled: Int.random(in: 0..<10, using: &random) > 0
            ))
        }
        let short: Set<String> = Int.random(in: 0..<4, using: &random) == 0 ? [poolNames.randomElement(using: &random)!] : []
        return PlanningInput(
            model: PlannerFixtures.model(demand: Double(Int.random(in: 0...600, using: &random))), units: units,
            instanceTypes: types, pools: Dictionary(uniqueKeysWithValues: pools.map { ($0.name, $0) }), benchmarks: [:],
            shortPools: short, strategy: strategy, headroom: Double(Int.random(in: 0...4, using: &random)) / 10,
            weightTotal: Int.random(in: 1...999, using: &random)
        )
    }

    @Test("Weights sum to the total, each 0...999, at most 5 non-zero; every unit is accounted for once",
          arguments: StrategyKind.allCases)
    func weightInvariants(strategy: StrategyKind) {
        var random = SeededGenerator(seed: 7 &+ UInt64(StrategyKind.allCases.firstIndex(of: strategy) ?? 0))
        for _ in 0..<400 {
            let input = Self.randomInput(&random, strategy: strategy)
            let plan = RoutingPlanner().plan(input)
            let weights = plan.entries.map(\.weight)
            #expect(weights.allSatisfy { (0...999).contains($0) })
            #expect(weights.filter { $0 > 0 }.count <= 5)
            #expect(plan.entries.count <= 5)
            if weights.contains(where: { $0 > 0 }) {
                #expect(weights.reduce(0, +) == input.weightTotal)
                #expect(plan.weightTotal == input.weightTotal)
            } else {
                #expect(plan.weightTotal == 0)
            }
            let named = plan.entries.map(\.unit) + plan.excluded.map(\.unit)
            #expect(named.sorted() == input.units.map(\.name).sorted())
            for entry in plan.entries {
                let unit = input.units.first { $0.name == entry.unit }!
                #expect(unit.enabled && !input.shortPools.contains(unit.pool))
                #expect(entry.costPer1kInferencesUSD.isFinite && entry.expectedRPS.isFinite)
            }
        }
    }

    @Test("In cost, a cheaper unit never gets less weight than a dearer one, routed or not")
    func cheaperNeverLess() {
        var random = SeededGenerator(seed: 99)
        for _ in 0..<400 {
            let input = Self.randomInput(&random, strategy: .cost, maxUnits: 9)
            let plan = RoutingPlanner().plan(input)
            for a in plan.entries {
                for b in plan.entries where a.costPer1kInferencesUSD < b.costPer1kInferencesUSD {
                    #expect(a.weight >= b.weight)
                }
            }
            // Units cut by the target group limit get 0, so they must be at least as dear as every routed one.
            let dearestRouted = plan.entries.map(\.costPer1kInferencesUSD).max() ?? 0
            for dropped in plan.excluded where dropped.reason == .overTargetGroupLimit {
                let unit = input.units.first { $0.name == dropped.unit }!
                let cost = CostCalculator().cost(
                    of: unit, instanceType: input.instanceTypes[unit.instanceType], breakingPointRPS: unit.manualBreakingPointRPS!
                )
                #expect(cost.map { $0.costPer1kInferencesUSD >= dearestRouted } == true)
            }
        }
    }

    @Test("Optimal respects replica bounds and pool limits, and equals brute force on small fleets")
    func optimalMatchesBruteForce() {
        var random = SeededGenerator(seed: 2024)
        for round in 0..<250 {
            let input = Self.randomInput(&random, strategy: .optimal, maxUnits: 4, maxReplicas: 4)
            let plan = RoutingPlanner().plan(input)
            let qualifying = input.units.filter { unit in
                plan.entries.contains { $0.unit == unit.name }
                    || plan.excluded.contains { $0.unit == unit.name && $0.reason == .notNeeded }
            }
            var poolUse: [String: (cpu: Int, accelerators: Int, nodes: Int)] = [:]
            for entry in plan.entries {
                let unit = input.units.first { $0.name == entry.unit }!
                let replicas = entry.replicas ?? 0
                #expect(replicas >= max(1, unit.minReplicas) && replicas <= unit.maxReplicas, "round \(round)")
                let type = input.instanceTypes[unit.instanceType]!
                let used = poolUse[unit.pool] ?? (0, 0, 0)
                poolUse[unit.pool] = (used.cpu + replicas * type.vcpu, used.accelerators + replicas * type.accelerator.count, used.nodes + replicas)
            }
            for (name, used) in poolUse {
                let limits = input.pools[name]!.limits
                #expect(used.cpu <= limits.cpu ?? .max && used.accelerators <= limits.accelerators ?? .max
                    && used.nodes <= limits.nodes ?? .max, "round \(round)")
            }
            // The same question, asked of brute force over the qualifying units.
            let poolNames = Array(Set(qualifying.map(\.pool))).sorted()
            let demand = input.effectiveDemandRPS ?? 0
            let smallest = qualifying.compactMap(\.manualBreakingPointRPS).min() ?? 0
            let problem = ReplicaProblem(
                units: qualifying.map { unit in
                    let type = input.instanceTypes[unit.instanceType]!
                    return ReplicaProblem.Unit(
                        capacityRPS: unit.manualBreakingPointRPS!, hourlyUSD: type.hourlyPrice(region: "us-west-2", capacityType: .onDemand)!,
                        minReplicas: unit.minReplicas, maxReplicas: unit.maxReplicas, pool: poolNames.firstIndex(of: unit.pool),
                        usage: ReplicaProblem.ResourceUsage(instanceType: type)
                    )
                },
                pools: poolNames.map { input.pools[$0]!.limits },
                requiredRPS: demand > 0 ? demand * (1 + input.headroom) : smallest
            )
            let expected = BruteForceReplicas.solve(problem)
            #expect(abs(plan.totals.hourlyCostUSD - expected.cost) < 1e-9, "round \(round)")
            #expect(abs(plan.totals.capacityRPS - plan.entries.reduce(0) { $0 + Double($1.replicas ?? 0) * $1.breakingPointRPS }) < 1e-9)
            if !expected.meets, !qualifying.isEmpty {
                #expect((plan.totals.unservedRPS ?? 0) > 0 || demand <= plan.totals.capacityRPS, "round \(round)")
                #expect(abs(plan.totals.capacityRPS - expected.capacity) < 1e-9, "round \(round)")
            }
        }
    }
}

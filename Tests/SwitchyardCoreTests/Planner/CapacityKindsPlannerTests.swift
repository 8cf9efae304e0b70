import SwitchyardCore
import Testing

@Suite("Planning across on-demand, spot and reserved capacity")
struct CapacityKindsPlannerTests {
    /// One unit type at $1/h on-demand (and `spot` on spot), 100 rps per replica, in a pool launching `kinds`.
    static func input(
        kinds: [CapacityType], unitKinds: [CapacityType], spot: Double? = 0.35, reservation: Int? = nil,
        rate: Double? = nil, settings: SpotSettings = SpotSettings(), demand: Double = 450, headroom: Double = 0,
        strategy: StrategyKind = .optimal
    ) -> PlanningInput {
        var pool = CapacityPool(name: "p", capacityTypes: kinds)
        if let reservation { pool.reservation = CapacityReservation(id: "cr-0123456789abcdef0", instanceCount: reservation) }
        if let rate { pool.spotInterruptionRates = [CapacityPool.anyFamily: rate] }
        var unit = PlannerFixtures.unit("u", type: "t.x", breakingPoint: 100, min: 0, max: 20)
        unit.capacityTypes = unitKinds
        var model = PlannerFixtures.model(demand: demand)
        model.spot = settings
        return PlanningInput(
            model: model, units: [unit], instanceTypes: ["t.x": PlannerFixtures.instanceType("t.x", hourly: 1, spot: spot)],
            pools: ["p": pool], benchmarks: [:], strategy: strategy, headroom: headroom)
    }

    static func replicas(_ plan: RoutingPlan, _ kind: CapacityType) -> Int {
        plan.entries.flatMap { $0.capacity ?? [] }.filter { $0.capacityType == kind }.reduce(0) { $0 + $1.replicas }
    }

    @Test("reserved replicas fill first at a marginal price of 0, reported as sunk cost")
    func reservedFirst() {
        let plan = RoutingPlanner().plan(Self.input(kinds: [.onDemand, .reserved], unitKinds: [.onDemand, .reserved], reservation: 2))
        #expect(Self.replicas(plan, .reserved) == 2)
        #expect(Self.replicas(plan, .onDemand) == 3)
        #expect(abs(plan.totals.hourlyCostUSD - 3) < 1e-9)
        let kinds = plan.totals.capacityKinds
        #expect(kinds?.reservedReplicas == 2)
        #expect(kinds.map { abs($0.reservedSunkHourlyCostUSD - 2) < 1e-9 } == true)
        #expect(kinds.map { abs($0.onDemandHourlyCostUSD - 5) < 1e-9 } == true)
        #expect(kinds.map { abs($0.savingsFraction - 0.4) < 1e-9 } == true)
    }

    @Test("a reservation is used before any other unit is paid for, even a cheaper one")
    func reservedBeforeCheaperUnit() {
        var input = Self.input(kinds: [.onDemand, .reserved], unitKinds: [.reserved], reservation: 2, demand: 150)
        var cheap = PlannerFixtures.unit("cheap", type: "c.x", breakingPoint: 200, min: 0, max: 20)
        cheap.capacityTypes = [.onDemand]
        input.units.append(cheap)
        input.instanceTypes["c.x"] = PlannerFixtures.instanceType("c.x", hourly: 0.5)
        let plan = RoutingPlanner().plan(input)
        #expect(plan.entries.map(\.unit) == ["u"])
        #expect(Self.replicas(plan, .reserved) == 2)
        #expect(plan.totals.hourlyCostUSD == 0)
    }

    @Test("spot is chosen at its expected price, and left when reclaims make it dearer than on-demand")
    func expectedSpotPrice() {
        // 600 s to replace a node: 0.9 × (1 + 0.5 / 6) = 0.975 < 1, 0.9 × (1 + 1.0 / 6) = 1.05 > 1.
        let cheap = RoutingPlanner().plan(Self.input(kinds: [.onDemand, .spot], unitKinds: [.onDemand, .spot], spot: 0.9, rate: 0.5))
        #expect(Self.replicas(cheap, .spot) == 5)
        let spotShare = cheap.entries.first?.capacity?.first { $0.capacityType == .spot }
        #expect(spotShare.map { abs(($0.expectedHourlyCostUSD ?? 0) - 5 * 0.975) < 1e-9 } == true)
        #expect(cheap.totals.capacityKinds.map { abs($0.expectedInterruptionsPerHour - 2.5) < 1e-9 } == true)
        let dear = RoutingPlanner().plan(Self.input(kinds: [.onDemand, .spot], unitKinds: [.onDemand, .spot], spot: 0.9, rate: 1.0))
        #expect(Self.replicas(dear, .spot) == 0)
        #expect(Self.replicas(dear, .onDemand) == 5)
    }

    @Test("maxShare and the on-demand floor bound spot; the floor alone carries its share of the requirement")
    func spotBounds() {
        let settings = SpotSettings(maxShare: 0.7, onDemandFloor: 0.4)
        let plan = RoutingPlanner().plan(Self.input(
            kinds: [.onDemand, .spot], unitKinds: [.onDemand, .spot], settings: settings, demand: 1000))
        // Ceiling min(0.7, 1 - 0.4) = 0.6 of 1,000 rps: 6 spot replicas, 4 on-demand.
        #expect(Self.replicas(plan, .spot) == 6)
        #expect(Self.replicas(plan, .onDemand) == 4)
        #expect(plan.totals.capacityKinds.map { $0.capacityWithoutSpotRPS >= 400 } == true)
        #expect(plan.notes.contains { $0.contains("spot carries at most 60 %") })
    }

    @Test("spare spot nodes: the requirement is still carried with the largest spot replicas reclaimed")
    func spareSpotNodes() {
        // 450 rps: 5 spot replicas without a spare; one spare adds a sixth, still far cheaper than on-demand.
        let spared = RoutingPlanner().plan(Self.input(
            kinds: [.onDemand, .spot], unitKinds: [.onDemand, .spot], settings: SpotSettings(spareNodes: 1)))
        #expect(Self.replicas(spared, .spot) == 6)
        #expect(Self.replicas(spared, .onDemand) == 0)
        #expect(spared.totals.capacityRPS - 100 >= 450)
        #expect(spared.notes.contains { $0.contains("1 spare spot node: 100 rps beyond the requirement") })
        // A spare that costs more than it saves is not bought: spot at 0.9 of on-demand, 5 × 1.0 < 6 × 0.9 × (1 + 0.1 / 6).
        let dear = RoutingPlanner().plan(Self.input(
            kinds: [.onDemand, .spot], unitKinds: [.onDemand, .spot], spot: 0.9, rate: 0.1,
            settings: SpotSettings(spareNodes: 1)))
        #expect(Self.replicas(dear, .spot) == 0)
        #expect(Self.replicas(dear, .onDemand) == 5)
        // Spares ride on top of the spot share: 60 % of 1,000 rps plus one spare replica.
        let bounded = RoutingPlanner().plan(Self.input(
            kinds: [.onDemand, .spot], unitKinds: [.onDemand, .spot],
            settings: SpotSettings(maxShare: 0.7, onDemandFloor: 0.4, spareNodes: 1), demand: 1000))
        #expect(Self.replicas(bounded, .spot) == 7)
        #expect(Self.replicas(bounded, .onDemand) == 4)
    }

    @Test("the cost and capacity strategies price a unit at its own kind, whatever else it allows")
    func costAndCapacityUnchanged() {
        for strategy in [StrategyKind.cost, .capacity] {
            let mixed = RoutingPlanner().plan(Self.input(
                kinds: [.onDemand, .spot, .reserved], unitKinds: [.onDemand, .spot, .reserved], reservation: 2,
                strategy: strategy))
            let plain = RoutingPlanner().plan(Self.input(kinds: [.onDemand], unitKinds: [.onDemand], strategy: strategy))
            #expect(mixed.entries.map(\.weight) == plain.entries.map(\.weight))
            #expect(mixed.entries.map(\.hourlyCostUSD) == plain.entries.map(\.hourlyCostUSD))
            #expect(mixed.totals.capacityKinds?.savingsFraction == 0)
        }
    }

    /// Random fleets of units allowing random kinds, in pools with random reservations and rates.
    static func randomInput(_ random: inout SeededGenerator) -> PlanningInput {
        let kindsChoices: [[CapacityType]] = [[.onDemand], [.spot], [.onDemand, .spot], [.onDemand, .reserved],
                                              [.onDemand, .spot, .reserved], [.reserved]]
        var pools: [String: CapacityPool] = [:]
        for name in ["p0", "p1"] {
            var pool = CapacityPool(name: name, capacityTypes: [.onDemand, .spot, .reserved])
            pool.reservation = CapacityReservation(id: "cr-0123456789abcdef0", instanceCount: Int.random(in: 1...3, using: &random))
            pool.spotInterruptionRates = [CapacityPool.anyFamily: Double(Int.random(in: 0...20, using: &random)) / 100]
            if Bool.random(using: &random) { pool.limits.nodes = Int.random(in: 2...12, using: &random) }
            pools[name] = pool
        }
        var types: [String: InstanceType] = [:]
        var units: [DeploymentUnit] = []
        for index in 0..<Int.random(in: 1...4, using: &random) {
            let hourly = [0.5, 0.75, 1.0, 1.5].randomElement(using: &random)!
            let spot = hourly * [0.3, 0.5, 0.8].randomElement(using: &random)!
            types["t\(index).x"] = PlannerFixtures.instanceType("t\(index).x", hourly: hourly, spot: spot)
            var unit = PlannerFixtures.unit(
                "u\(index)", type: "t\(index).x", pool: ["p0", "p1"].randomElement(using: &random)!,
                breakingPoint: Double([40, 60, 90, 105].randomElement(using: &random)!), min: Int.random(in: 0...1, using: &random),
                max: Int.random(in: 2...8, using: &random))
            unit.capacityTypes = kindsChoices.randomElement(using: &random)!
            unit.capacityType = unit.capacityTypes.first { $0 != .reserved } ?? .onDemand
            units.append(unit)
        }
        var model = PlannerFixtures.model(demand: Double(Int.random(in: 0...500, using: &random)))
        model.spot = SpotSettings(
            maxShare: Double(Int.random(in: 0...10, using: &random)) / 10,
            onDemandFloor: Double(Int.random(in: 0...10, using: &random)) / 10,
            spareNodes: Int.random(in: 0...2, using: &random))
        return PlanningInput(
            model: model, units: units, instanceTypes: types, pools: pools, benchmarks: [:], strategy: .optimal,
            headroom: Double(Int.random(in: 0...3, using: &random)) / 10)
    }

    @Test("over random fleets: spot within its ceiling, the floor carried without spot, reserved within the reservation, never dearer than all on-demand")
    func properties() {
        var random = SeededGenerator(seed: 16)
        var mixedPlans = 0
        for _ in 0..<300 {
            let input = Self.randomInput(&random)
            let plan = RoutingPlanner().plan(input)
            guard let kinds = plan.totals.capacityKinds else {
                Issue.record("a plan without capacity kind totals")
                continue
            }
            let required = (input.demandRPS ?? input.model.expectedDemandRPS ?? 0) * (1 + input.headroom)
            let ceiling = input.model.spot.spotCeiling
            let spotReplicaRPS = plan.entries.filter { ($0.capacity ?? []).contains { $0.capacityType == .spot } }
                .map(\.breakingPointRPS)
            let spares = Double(input.model.spot.spares) * (spotReplicaRPS.max() ?? 0)
            if ceiling < 1 { #expect(kinds.spotCapacityRPS <= ceiling * required + spares + 1e-6) }
            if kinds.spotReplicas > 0, input.model.spot.spares > 0, !plan.notes.contains(where: { $0.contains("without the spare") }),
               plan.totals.capacityRPS >= required - 1e-6
            {
                // With the largest spot replicas reclaimed, the requirement is still carried.
                #expect(plan.totals.capacityRPS - spares >= required - 1e-6)
            }
            // Never dearer than the same question with spot taken away (on-demand and reservations only).
            var withoutSpot = input
            withoutSpot.units = input.units.map { unit in
                var unit = unit
                unit.capacityTypes = unit.capacityTypes.filter { $0 != .spot }
                if unit.capacityTypes.isEmpty { unit.enabled = false }
                return unit
            }
            let safe = RoutingPlanner().plan(withoutSpot)
            if safe.totals.capacityRPS >= required - 1e-6, plan.totals.capacityRPS >= required - 1e-6 {
                #expect(plan.totals.hourlyCostUSD <= safe.totals.hourlyCostUSD + 1e-9)
            }
            if plan.totals.capacityRPS >= required - 1e-6, kinds.spotCapacityRPS > 0 {
                #expect(kinds.capacityWithoutSpotRPS >= input.model.spot.onDemandFloor * required - 1e-6)
            }
            for (name, pool) in input.pools {
                let units = Set(input.units.filter { $0.pool == name }.map(\.name))
                let reserved = plan.entries.filter { units.contains($0.unit) }.flatMap { $0.capacity ?? [] }
                    .filter { $0.capacityType == .reserved }.reduce(0) { $0 + $1.replicas }
                #expect(reserved <= pool.reservation?.instanceCount ?? 0)
            }
            for entry in plan.entries {
                let unit = input.units.first { $0.name == entry.unit }
                #expect((entry.capacity ?? []).reduce(0) { $0 + $1.replicas } == entry.replicas)
                #expect((entry.replicas ?? 0) <= unit?.maxReplicas ?? 0)
            }
            #expect(plan.totals.hourlyCostUSD <= kinds.onDemandHourlyCostUSD + 1e-9)
            if kinds.spotReplicas > 0 || kinds.reservedReplicas > 0 { mixedPlans += 1 }
        }
        #expect(mixedPlans > 50)
    }
}

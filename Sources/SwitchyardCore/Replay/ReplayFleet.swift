/// The model's units as a replay sees them: rated, priced, in a fixed order, with the plans the
/// strategies switch between (computed through the same ``RoutingPlanner`` the service uses).
struct ReplayFleet: Sendable {
    struct Unit: Sendable {
        var name: String
        var pool: String
        var breakingPointRPS: Double
        var hourlyUSD: Double
        var costPer1kUSD: Double
        var minReplicas: Int
        var maxReplicas: Int
        var timing: UnitTiming
        var definition: DeploymentUnit

        /// Runs on spot: its nodes are the ones reclaimed.
        var isSpot: Bool { definition.capacityType == .spot && !definition.capacityTypes.contains(.onDemand) }
        /// Runs only on its pool's reservation: its nodes cost nothing by the hour.
        var isReserved: Bool { definition.capacityTypes == [.reserved] }
    }

    let model: ServedModel
    /// Routable units, in the cost plan's order (cheapest inference first).
    let units: [Unit]
    let scenario: ReplayScenario
    /// US$ per hour of the reservations reserved units run on, paid whether used or not.
    let sunkHourlyUSD: Double
    /// Instances the reservations of reserved units hold.
    let reservedInstances: Int
    private let baseInput: PlanningInput
    /// `baseInput` with every routable unit's rating set as its manual breaking point and no benchmarks.
    private let ratedInput: PlanningInput
    private let planner = RoutingPlanner()

    init(_ scenario: ReplayScenario) throws(ReplayError) {
        guard let model = scenario.fleet.models.first(where: { $0.name == scenario.model }) else {
            throw .unknownModel(scenario.model)
        }
        self.model = model
        self.scenario = scenario
        baseInput = PlanningInput(fleet: scenario.fleet, model: model, strategy: .cost)
        let ratings = planner.ratings(baseInput)
        let costPlan = planner.plan(baseInput)
        let byName = Dictionary(baseInput.units.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
        let calculator = CostCalculator()
        var units: [Unit] = []
        // Units the cost plan routes, then those it left out only for the target-group limit, so
        // capacity and optimal plans that pick them are still simulated.
        let routable = costPlan.entries.map(\.unit) + costPlan.excluded.filter { $0.reason == .overTargetGroupLimit }.map(\.unit)
        for name in routable {
            guard let definition = byName[name], let breakingPoint = ratings[name]?.breakingPointRPS,
                  let cost = calculator.cost(
                      of: definition, instanceType: baseInput.instanceTypes[definition.instanceType],
                      breakingPointRPS: breakingPoint)
            else { continue }
            var unit = Unit(
                name: name, pool: definition.pool, breakingPointRPS: breakingPoint, hourlyUSD: cost.hourlyUSD,
                costPer1kUSD: cost.costPer1kInferencesUSD, minReplicas: max(0, definition.minReplicas),
                maxReplicas: max(definition.minReplicas, definition.maxReplicas),
                timing: scenario.provisioning.timing(of: name), definition: definition
            )
            if unit.isReserved {
                let count = baseInput.pools[definition.pool]?.reservation?.instanceCount ?? 0
                unit.hourlyUSD = 0
                unit.maxReplicas = min(unit.maxReplicas, count)
                unit.minReplicas = min(unit.minReplicas, unit.maxReplicas)
            }
            units.append(unit)
        }
        guard !units.isEmpty else { throw .noRoutableUnit(scenario.model) }
        self.units = units
        var sunk = 0.0, reserved = 0
        var seenPools: Set<String> = []
        for unit in units where unit.isReserved && seenPools.insert(unit.pool).inserted {
            let count = baseInput.pools[unit.pool]?.reservation?.instanceCount ?? 0
            let rate = baseInput.instanceTypes[unit.definition.instanceType]?
                .hourlyPrice(region: unit.definition.region, capacityType: .onDemand) ?? 0
            sunk += Double(count) * rate
            reserved += count
        }
        sunkHourlyUSD = sunk
        reservedInstances = reserved
        var rated = baseInput
        rated.units = baseInput.units.map { definition in
            var unit = definition
            if let rating = ratings[definition.name]?.breakingPointRPS { unit.manualBreakingPointRPS = rating }
            return unit
        }
        rated.benchmarks = [:]
        ratedInput = rated
    }

    /// The planner's weights, in `units` order, for a strategy with some pools short and, by unit name,
    /// the ready replicas still running there.
    func weights(
        _ strategy: StrategyKind, shortPools: Set<String> = [], runningReplicas: [String: Int] = [:],
        demandRPS: Double? = nil
    ) -> [Int] {
        var input = baseInput
        input.strategy = strategy
        input.shortPools = shortPools
        input.runningReplicas = runningReplicas
        input.demandRPS = demandRPS
        let plan = planner.plan(input)
        return units.map { plan.weight(of: $0.name) }
    }

    /// The planning input for the model with `shortPools` short and, by unit name, the ready replicas still
    /// running there.
    /// Units carry their ratings as manual breaking points, so the many plans of a replay do not rate them again.
    func planningInput(shortPools: Set<String> = [], runningReplicas: [String: Int] = [:]) -> PlanningInput {
        var input = ratedInput
        input.shortPools = shortPools
        input.runningReplicas = runningReplicas
        return input
    }

    /// The pools of units with a non-zero weight in the cost plan: what the failover machine watches.
    func costPools() -> Set<String> {
        let cost = weights(.cost)
        return Set(zip(units, cost).filter { $0.1 > 0 }.map(\.0.pool))
    }

    /// The node limit of a pool in the fleet, nil when unbounded.
    func nodeLimit(of pool: String) -> Int? {
        baseInput.pools[pool]?.limits.nodes
    }

    /// The cheapest replicas per unit carrying `requiredRPS` with no delays and no minimum replicas,
    /// each unit capped at `maxReplicas[i]` and pools at `poolNodeLimits` (the oracle's question).
    func cheapestReplicas(requiredRPS: Double, maxReplicas: [Int], poolNodeLimits: [String: Int] = [:]) -> [Int] {
        var input = baseInput
        for (pool, nodes) in poolNodeLimits {
            let current = input.pools[pool]?.limits.nodes ?? nodes
            input.pools[pool]?.limits.nodes = min(nodes, current)
        }
        input.units = zip(units, maxReplicas).map { unit, cap in
            var definition = unit.definition
            definition.minReplicas = 0
            definition.maxReplicas = cap
            definition.manualBreakingPointRPS = unit.breakingPointRPS
            return definition
        }
        input.benchmarks = [:]
        input.strategy = .optimal
        input.demandRPS = requiredRPS
        input.headroom = 0
        input.model.expectedDemandRPS = nil
        let plan = planner.plan(input)
        return units.map { unit in plan.entries.first { $0.unit == unit.name }?.replicas ?? 0 }
    }
}

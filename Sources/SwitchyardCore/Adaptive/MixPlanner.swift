/// Sizes mixes for a demand: the cheapest integer mix (the `optimal` strategy with no headroom), or the mix
/// in force kept at its weights with replicas scaled to the demand.
///
/// Pure. Units in short pools with replicas running keep exactly those replicas (the planner's rule), so
/// warm replicas are used first and nothing is planned to grow where no node can launch.
public struct MixPlanner: Sendable {
    private let planner = RoutingPlanner()

    public init() {}

    /// The cheapest mix carrying `requiredRPS` under `input`'s units, pools and shortages.
    public func cheapest(_ input: PlanningInput, requiredRPS: Double) -> (mix: UnitMix, meetsDemand: Bool) {
        var question = input
        question.strategy = .optimal
        question.demandRPS = max(0, requiredRPS.isFinite ? requiredRPS : 0)
        question.headroom = 0
        let plan = planner.plan(question)
        let mix = UnitMix(
            replicas: Dictionary(plan.entries.map { ($0.unit, $0.replicas ?? 0) }, uniquingKeysWith: max),
            weights: Dictionary(plan.entries.map { ($0.unit, $0.weight) }, uniquingKeysWith: max),
            capacityRPS: plan.totals.capacityRPS, hourlyUSD: plan.totals.hourlyCostUSD
        )
        return (mix, (plan.totals.unservedRPS ?? 0) <= 1e-9)
    }

    /// The mix in force kept at its weights, each unit with the replicas its share of `requiredRPS` needs
    /// (at least its minimum replicas); nil when that breaks a replica bound, a pool's node limit, or asks a
    /// unit in a short pool for more than the replicas running there, or when a weighted unit is no longer
    /// rated or priced.
    public func resized(_ mix: UnitMix, _ input: PlanningInput, requiredRPS: Double) -> UnitMix? {
        let total = mix.weights.values.reduce(0, +)
        guard total > 0, requiredRPS.isFinite else { return nil }
        let catalog = MixCatalog(input)
        var replicas: [String: Int] = [:]
        var nodesByPool: [String: Int] = [:]
        var capacity = 0.0, hourly = 0.0
        // Adds replicas of a unit; false when that breaks its bound or asks a short pool for more than runs there.
        func add(_ count: Int, of unit: MixCatalog.Unit) -> Bool {
            let name = unit.definition.name
            let total = (replicas[name] ?? 0) + count
            guard total <= unit.definition.maxReplicas else { return false }
            if input.shortPools.contains(unit.definition.pool) {
                guard total <= input.runningReplicas[name] ?? 0 else { return false }
            }
            replicas[name] = total
            nodesByPool[unit.definition.pool, default: 0] += count
            capacity += Double(count) * unit.capacityRPS
            hourly += Double(count) * unit.hourlyUSD
            return true
        }
        for (name, weight) in mix.weights where weight > 0 {
            guard let unit = catalog.units[name] else { return nil }
            let share = Double(weight) / Double(total) * max(0, requiredRPS)
            let needed = Int(min((share / unit.capacityRPS - 1e-9).rounded(.up), 1e6))
            guard add(max(needed, max(1, unit.definition.minReplicas)), of: unit) else { return nil }
        }
        // The model's spare spot nodes ride on the largest spot-only unit of the mix, as the optimiser keeps them.
        let spares = input.model.spot.spares
        if spares > 0, let largest = replicas.keys.compactMap({ catalog.units[$0] })
            .filter({ $0.definition.capacityTypes == [.spot] })
            .max(by: { ($0.capacityRPS, $1.definition.name) < ($1.capacityRPS, $0.definition.name) })
        {
            guard add(spares, of: largest) else { return nil }
        }
        for (pool, nodes) in nodesByPool {
            if let limit = input.pools[pool]?.limits.nodes, nodes > limit { return nil }
        }
        return UnitMix(replicas: replicas, weights: mix.weights, capacityRPS: capacity, hourlyUSD: hourly)
    }
}

/// The rated, priced units of a planning input, by name.
struct MixCatalog {
    struct Unit {
        var definition: DeploymentUnit
        var capacityRPS: Double
        var hourlyUSD: Double
    }

    let units: [String: Unit]

    init(_ input: PlanningInput) {
        let ratings = RoutingPlanner().ratings(input)
        let calculator = CostCalculator()
        var units: [String: Unit] = [:]
        for definition in input.units where definition.enabled {
            guard let rps = ratings[definition.name]?.breakingPointRPS, rps.isFinite, rps > 0,
                  let cost = calculator.cost(
                      of: definition, instanceType: input.instanceTypes[definition.instanceType], breakingPointRPS: rps)
            else { continue }
            units[definition.name] = Unit(definition: definition, capacityRPS: rps, hourlyUSD: cost.hourlyUSD)
        }
        self.units = units
    }
}

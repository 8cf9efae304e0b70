/// The planner's façade: rates a model's units and turns them into a routing plan under a strategy.
///
/// Pure: the same input always gives the same plan. Units that are disabled, unrated, without a price at
/// their region and capacity type, or in a pool flagged short with no replica running are excluded from
/// every strategy, each with its reason, before the strategy runs. A unit in a short pool with replicas
/// running stays, capped at what those replicas carry (`CostStrategy`, `CapacityStrategy`,
/// `OptimalStrategy` document their own rules). A weight total outside 1...the model's router's largest weight, a negative or non-finite headroom or demand
/// are replaced by the nearest sensible value and noted in the plan rather than rejected.
public struct RoutingPlanner: Sendable {
    private let finder: BreakingPointFinder

    public init() {
        finder = BreakingPointFinder()
    }

    /// Each unit's rating, by unit name (the first unit wins when names repeat).
    public func ratings(_ input: PlanningInput) -> [String: UnitRating] {
        var ratings: [String: UnitRating] = [:]
        ratings.reserveCapacity(input.units.count)
        for unit in input.units where ratings[unit.name] == nil {
            ratings[unit.name] = finder.rate(unit: unit, model: input.model, runs: input.benchmarks[unit.name] ?? [])
        }
        return ratings
    }

    /// The model's routing plan under `input.strategy`.
    public func plan(_ input: PlanningInput) -> RoutingPlan {
        let context = PlanContext(input: input, finder: finder)
        switch input.strategy {
        case .cost: return CostStrategy().plan(context)
        case .capacity: return CapacityStrategy().plan(context)
        case .optimal: return OptimalStrategy().plan(context)
        }
    }
}

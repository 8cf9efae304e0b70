/// A model's routing decision under one strategy: a weight per unit, with the reasons.
public struct RoutingPlan: Codable, Sendable, Equatable {
    public var model: String
    public var strategy: StrategyKind
    /// The demand planned for (optimal), or whose shares the expected rps are (cost, capacity); nil when
    /// neither the question nor the model states one.
    public var demandRPS: Double?
    /// Extra capacity fraction planned on top of demand (optimal).
    public var headroom: Double
    /// What the weights add up to (100 by default) when any unit qualifies; 0 otherwise.
    public var weightTotal: Int
    /// Units with a weight (possibly 0), best first for the strategy.
    public var entries: [PlanEntry]
    /// Units left out, each with its reason.
    public var excluded: [ExcludedUnit]
    public var totals: PlanTotals
    /// Plan-wide remarks, e.g. that demand cannot be met.
    public var notes: [String]

    public init(
        model: String, strategy: StrategyKind, demandRPS: Double? = nil, headroom: Double = 0,
        weightTotal: Int, entries: [PlanEntry], excluded: [ExcludedUnit], totals: PlanTotals, notes: [String] = []
    ) {
        self.model = model
        self.strategy = strategy
        self.demandRPS = demandRPS
        self.headroom = headroom
        self.weightTotal = weightTotal
        self.entries = entries
        self.excluded = excluded
        self.totals = totals
        self.notes = notes
    }

    /// The plan with its entries' weights replaced by `weights` (0 for an entry not named), best first again;
    /// what the adaptive configuration puts in force over the cost plan's entries.
    public func withWeights(_ weights: [String: Int]) -> RoutingPlan {
        var plan = self
        for index in plan.entries.indices { plan.entries[index].weight = weights[plan.entries[index].unit] ?? 0 }
        plan.entries.sort { lhs, rhs in lhs.weight != rhs.weight ? lhs.weight > rhs.weight : lhs.unit < rhs.unit }
        plan.notes.append("adaptive: weights in force from the rebalancer's mix")
        return plan
    }

    /// The weight of a unit, 0 when it is not in the plan.
    public func weight(of unit: String) -> Int {
        entries.first { $0.unit == unit }?.weight ?? 0
    }
}

/// One unit's share of a plan.
public struct PlanEntry: Codable, Sendable, Equatable {
    public var unit: String
    public var breakingPointRPS: Double
    /// US$ per 1,000 inferences at the unit's region and capacity type.
    public var costPer1kInferencesUSD: Double
    /// US$ per 1,000 inferences on-demand / spot where the instance type has those prices.
    public var onDemandCostPer1kInferencesUSD: Double?
    public var spotCostPer1kInferencesUSD: Double?
    /// The router weight: 0...999 for an ALB, 0...1,000,000 for an HTTPRoute.
    public var weight: Int
    /// Requests per second this unit is expected to take (share of demand, or its planned capacity).
    public var expectedRPS: Double
    /// Planned replicas (optimal only).
    public var replicas: Int?
    /// Hourly cost of the planned replicas (optimal), or of one replica.
    public var hourlyCostUSD: Double
    public var reasons: [String]
    /// Seed 004's Table 2 adjusted throughput, min(sum of max / N, max_i) (capacity only).
    public var adjustedThroughputRPS: Double?
    /// The planned replicas by capacity kind (optimal); nil: all on the unit's `capacityType`.
    public var capacity: [CapacityShare]?

    public init(
        unit: String, breakingPointRPS: Double, costPer1kInferencesUSD: Double,
        onDemandCostPer1kInferencesUSD: Double? = nil, spotCostPer1kInferencesUSD: Double? = nil,
        weight: Int, expectedRPS: Double, replicas: Int? = nil, hourlyCostUSD: Double, reasons: [String],
        adjustedThroughputRPS: Double? = nil, capacity: [CapacityShare]? = nil
    ) {
        self.unit = unit
        self.breakingPointRPS = breakingPointRPS
        self.costPer1kInferencesUSD = costPer1kInferencesUSD
        self.onDemandCostPer1kInferencesUSD = onDemandCostPer1kInferencesUSD
        self.spotCostPer1kInferencesUSD = spotCostPer1kInferencesUSD
        self.weight = weight
        self.expectedRPS = expectedRPS
        self.replicas = replicas
        self.hourlyCostUSD = hourlyCostUSD
        self.reasons = reasons
        self.adjustedThroughputRPS = adjustedThroughputRPS
        self.capacity = capacity
    }
}

/// A unit the strategy did not route to.
public struct ExcludedUnit: Codable, Sendable, Equatable {
    public var unit: String
    public var reason: ExclusionReason
    public var detail: String

    public init(unit: String, reason: ExclusionReason, detail: String) {
        self.unit = unit
        self.reason = reason
        self.detail = detail
    }
}

public enum ExclusionReason: String, Codable, Sendable, Hashable {
    case unrated, disabled, poolShort, noPrice, overTargetGroupLimit, notNeeded
    /// The unit serves a version of the model that takes no traffic now (`VersionRouting`).
    case otherVersion
}

public struct PlanTotals: Codable, Sendable, Equatable {
    /// Sum of the routed units' breaking points (per replica) or planned capacity (optimal).
    public var capacityRPS: Double
    public var hourlyCostUSD: Double
    /// Demand carried (optimal); nil when the strategy does not plan for demand.
    public var servedRPS: Double?
    public var unservedRPS: Double?
    /// Savings against all on-demand and the spot risk taken; set by every strategy.
    public var capacityKinds: CapacityKindTotals?

    public init(
        capacityRPS: Double, hourlyCostUSD: Double, servedRPS: Double? = nil, unservedRPS: Double? = nil,
        capacityKinds: CapacityKindTotals? = nil
    ) {
        self.capacityRPS = capacityRPS
        self.hourlyCostUSD = hourlyCostUSD
        self.servedRPS = servedRPS
        self.unservedRPS = unservedRPS
        self.capacityKinds = capacityKinds
    }
}

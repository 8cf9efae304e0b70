/// Which routing configuration is in force for a model.
public enum ModelConfiguration: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Cost-optimized weights (the `cost` strategy): the normal state.
    case cost
    /// Capacity-optimized weights (seed 004's Table 2): spread load so other pools take it.
    case capacity
    /// The demand-aware `optimal` plan computed with these pools treated as short.
    case optimalWithout(pools: [String])

    /// Builds `optimalWithout` with the pools sorted and de-duplicated, so equal sets compare equal.
    public static func optimal(without pools: some Sequence<String>) -> ModelConfiguration {
        .optimalWithout(pools: Array(Set(pools)).sorted())
    }

    /// The planner strategy that computes this configuration's weights.
    public var strategy: StrategyKind {
        switch self {
        case .cost: .cost
        case .capacity: .capacity
        case .optimalWithout: .optimal
        }
    }

    /// Pools the planner must treat as short for this configuration.
    public var excludedPools: [String] {
        if case .optimalWithout(let pools) = self { return pools }
        return []
    }

    public var description: String {
        switch self {
        case .cost: "cost"
        case .capacity: "capacity"
        case .optimalWithout(let pools): "optimal without \(pools.joined(separator: ","))"
        }
    }
}

import SwitchyardCore

/// The routing the failover state puts in force, as the planner takes it: a strategy per model that left
/// its default, and the pools whose units get no traffic.
public struct RoutingInForce: Sendable, Equatable {
    /// Per model not on its cost configuration, the strategy of its configuration in force.
    public var strategies: [String: StrategyKind]
    /// Pools not healthy (short, or recovering inside the hold time), and pools an `optimal` configuration excludes.
    public var shortPools: Set<String>

    public init(strategies: [String: StrategyKind] = [:], shortPools: Set<String> = []) {
        self.strategies = strategies
        self.shortPools = shortPools
    }

    /// The routing a failover state puts in force.
    public init(_ state: FailoverState) {
        var strategies: [String: StrategyKind] = [:]
        var shortPools = Set(state.pools.filter { !$0.value.isHealthy }.keys)
        for (model, routing) in state.models where routing.configuration != .cost {
            strategies[model] = routing.configuration.strategy
            shortPools.formUnion(routing.configuration.excludedPools)
        }
        self.init(strategies: strategies, shortPools: shortPools)
    }
}

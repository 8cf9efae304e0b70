import SwitchyardCore

/// What the failover loop has decided on top of the registered fleet: the configuration in force per model
/// and the pools flagged short of capacity.
public struct RoutingOverrides: Sendable, Equatable {
    /// Per model, the strategy in force; a model not named uses its default strategy.
    public var strategies: [String: StrategyKind]
    /// Pools whose units get no traffic.
    public var shortPools: Set<String>

    public init(strategies: [String: StrategyKind] = [:], shortPools: Set<String> = []) {
        self.strategies = strategies
        self.shortPools = shortPools
    }
}

/// Everything the failover loop remembers between passes: each pool's health and each model's routing.
///
/// A value: the loop keeps the committed one and replaces it only after the pushes it implies
/// succeeded (see ``FailoverDecision``).
public struct FailoverState: Codable, Sendable, Equatable {
    /// Health by pool name; a pool not listed is healthy.
    public var pools: [String: PoolHealth]
    /// Routing by model name; a model not listed is on its cost configuration.
    public var models: [String: ModelRouting]
    /// The latest signal seen per pool, whatever it changed: the evidence shown for a healthy pool.
    public var latestSignals: [String: CapacitySignal]

    public init(
        pools: [String: PoolHealth] = [:], models: [String: ModelRouting] = [:],
        latestSignals: [String: CapacitySignal] = [:]
    ) {
        self.pools = pools
        self.models = models
        self.latestSignals = latestSignals
    }

    /// The health of a pool, healthy when nothing is known.
    public func health(of pool: String) -> PoolHealth {
        pools[pool] ?? .healthy
    }

    /// The routing of a model, the cost configuration when nothing is known.
    public func routing(of model: String) -> ModelRouting {
        models[model] ?? ModelRouting(model: model)
    }
}

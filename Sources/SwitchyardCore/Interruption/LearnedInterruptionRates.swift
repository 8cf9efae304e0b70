/// Spot interruption rates learned from observation, the configured rate as the prior.
///
/// A pool's configured rate for a family (`CapacityPool.spotInterruptionRates`, else 0) counts as `priorNodeHours`
/// of evidence: the learned rate is (configured × prior + reclaims) / (prior + observed node-hours), the posterior
/// mean of a Poisson rate under a gamma prior. With nothing observed it is the configured rate; as node-hours
/// accumulate it moves to what the pool's spot nodes actually do. Planning prices spot with it (`PlanContext`).
public struct LearnedInterruptionRates: Sendable, Equatable {
    /// Node-hours of evidence the configured rate is worth.
    public static let priorNodeHours = 24.0

    public var observations: [SpotObservation]

    public init(_ observations: [SpotObservation] = []) {
        self.observations = observations
    }

    /// The learned rate of `family` in `pool`, or nil when nothing of it has been observed.
    public func rate(pool: CapacityPool, family: String) -> Double? {
        guard let seen = observations.first(where: { $0.pool == pool.name && $0.family == family }),
              seen.nodeHours > 0 || seen.interruptions > 0
        else { return nil }
        let configured = pool.spotInterruptionRate(family: family).map { $0.isFinite ? max(0, $0) : 0 } ?? 0
        let prior = Self.priorNodeHours
        let rate = (configured * prior + Double(max(0, seen.interruptions))) / (prior + max(0, seen.nodeHours))
        return rate.isFinite ? min(1, rate) : nil
    }

    /// The pool with each observed family's learned rate in place of the configured one.
    public func applied(to pool: CapacityPool) -> CapacityPool {
        var learned = pool
        for seen in observations where seen.pool == pool.name {
            if let rate = rate(pool: pool, family: seen.family) { learned.spotInterruptionRates[seen.family] = rate }
        }
        return learned
    }

    /// The fleet with every pool's learned rates in place; the same fleet when nothing was observed.
    public func applied(to fleet: Fleet) -> Fleet {
        guard !observations.isEmpty else { return fleet }
        var learned = fleet
        learned.pools = fleet.pools.map(applied(to:))
        return learned
    }

    /// The pools by name with their learned rates in place.
    public func applied(to pools: [String: CapacityPool]) -> [String: CapacityPool] {
        guard !observations.isEmpty else { return pools }
        return pools.mapValues(applied(to:))
    }
}

/// Sizes the warm standby of a model on the adaptive configuration, pure.
///
/// Standby replicas go to the cheapest units (by cost per request) outside the mix, in pools the mix does
/// not run on, so that a shortage of a mix pool leaves them serving; they carry weight 0 until a failover
/// moves traffic to them. `N` keeps N replicas. `auto` keeps, for the mix pool whose shortages would cost the
/// most, enough replicas to carry its share of the demand at the target utilisation — but only for pools
/// whose shortages, each taking the standby units' time to serve to fail over from cold, would leave more
/// than `unservedBudget` of the time unserved (episodes × time to serve / window). A pool never short
/// needs no standby.
public struct StandbyPlanner: Sendable {
    /// The fraction of time a pool's cold failovers may leave its share unserved before `auto` keeps a warm
    /// standby for it: 0.1 %, the 99.9 % of demand served the adaptive configuration is held to.
    public var unservedBudget: Double
    public var targetUtilization: Double

    public init(unservedBudget: Double = 0.001, targetUtilization: Double = 0.9) {
        self.unservedBudget = unservedBudget
        self.targetUtilization = targetUtilization
    }

    /// The standby for `mix`, sized for `requiredRPS`.
    /// - Parameter secondsUntilServing: per unit, node launch plus model load.
    public func plan(
        _ policy: StandbyPolicy, mix: UnitMix, input: PlanningInput, requiredRPS: Double, history: ShortageHistory,
        secondsUntilServing: [String: Double]
    ) -> StandbyPlan {
        if case .replicas(0) = policy { return .none("standby 0: no warm replicas") }
        let catalog = MixCatalog(input)
        let poolOf = Dictionary(input.units.map { ($0.name, $0.pool) }, uniquingKeysWith: { first, _ in first })
        let mixPools = Set(mix.weights.keys.compactMap { poolOf[$0] })
        let candidates = catalog.units.values
            .filter { !mix.units.contains($0.definition.name) && !mixPools.contains($0.definition.pool) }
            .filter { !input.shortPools.contains($0.definition.pool) }
            .sorted { ($0.hourlyUSD / $0.capacityRPS, $0.definition.name) < ($1.hourlyUSD / $1.capacityRPS, $1.definition.name) }
        guard !candidates.isEmpty else { return .none("no unit outside the mix's pools can keep a warm standby") }
        switch policy {
        case .replicas(let count):
            return place(candidates, input: input, until: { $0.replicas >= count }, reason: "standby \(count)")
        case .auto:
            let recovery = candidates.compactMap { secondsUntilServing[$0.definition.name] }.min() ?? 0
            let totalWeight = Double(mix.weights.values.reduce(0, +))
            var needed = 0.0
            var exposed: [String] = []
            for pool in mixPools.sorted() {
                let exposure = history.exposure(of: pool, recoverySeconds: recovery)
                guard exposure > unservedBudget, totalWeight > 0 else { continue }
                let weight = mix.weights.filter { poolOf[$0.key] == pool }.values.reduce(0, +)
                needed = max(needed, Double(weight) / totalWeight * max(0, requiredRPS))
                exposed.append("\(pool) (\(history.episodes[pool] ?? 0) shortages, "
                    + "\(DecimalText.format(exposure * 100)) % of the time unserved from cold)")
            }
            guard !exposed.isEmpty, needed > 0 else {
                return .none("auto: no pool of the mix has been short often enough to leave more than "
                    + "\(DecimalText.format(unservedBudget * 100)) % of the time unserved from cold")
            }
            let utilization = targetUtilization > 0 ? min(targetUtilization, 1) : 1
            return place(
                candidates, input: input, until: { $0.capacityRPS * utilization >= needed - 1e-9 },
                reason: "auto: warm replicas for \(DecimalText.format(needed)) rps, the share of "
                    + exposed.joined(separator: ", "))
        }
    }

    private struct Placed {
        var floors: [String: Int] = [:]
        var replicas = 0
        var capacityRPS = 0.0
        var hourlyUSD = 0.0
    }

    /// Fills the candidates in order, one replica at a time, within replica bounds and pool node limits.
    private func place(
        _ candidates: [MixCatalog.Unit], input: PlanningInput, until done: (Placed) -> Bool, reason: String
    ) -> StandbyPlan {
        var placed = Placed()
        var nodes: [String: Int] = [:]
        for unit in candidates {
            let limit = input.pools[unit.definition.pool]?.limits.nodes ?? Int.max
            while !done(placed), (placed.floors[unit.definition.name] ?? 0) < unit.definition.maxReplicas,
                  nodes[unit.definition.pool, default: 0] < limit {
                placed.floors[unit.definition.name, default: 0] += 1
                nodes[unit.definition.pool, default: 0] += 1
                placed.replicas += 1
                placed.capacityRPS += unit.capacityRPS
                placed.hourlyUSD += unit.hourlyUSD
            }
            if done(placed) { break }
        }
        let shortfall = done(placed) ? "" : "; the units outside the mix's pools hold no more"
        return StandbyPlan(
            floors: placed.floors, capacityRPS: placed.capacityRPS, hourlyUSD: placed.hourlyUSD,
            reason: reason + ": " + (placed.floors.isEmpty ? "none placed"
                : placed.floors.keys.sorted().map { "\($0)×\(placed.floors[$0] ?? 0)" }.joined(separator: ", "))
                + " at \(DecimalText.usd(placed.hourlyUSD))/h" + shortfall)
    }
}

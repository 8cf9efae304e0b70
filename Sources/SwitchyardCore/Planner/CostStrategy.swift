/// The `cost` strategy: the cheaper a unit's inference, the more traffic it gets.
///
/// Weights are proportional to 1 / cost per inference (equivalently breaking point / hourly price).
/// Seed 003's README states the weight as proportional to cost, which would send most traffic to the
/// dearest unit; that formula is inverted here. Seed 004's shipped weights (40/20/15/10/15) do not follow
/// any formula either (g5-cuda, the dearest unit, gets more than g6): they were tuned by hand. With the
/// seed's figures this strategy keeps Table 1's order and gives roughly 30/21/19/16/13.
///
/// Units are ranked by cost per inference (then higher breaking point, then name); the 5 cheapest are
/// routed (as many as the model's router takes: 5 for an ALB, 16 for an HTTPRoute) and the rest excluded with
/// `.overTargetGroupLimit`. Expected rps are shares of the demand
/// when one is known, else of the routed units' summed breaking points.
///
/// A unit in a short pool with replicas running is ranked like any other but takes at most what those
/// replicas carry; the demand it cannot take goes to the others by the same rule (`CappedSplit`).
struct CostStrategy: Sendable {
    func plan(_ context: PlanContext) -> RoutingPlan {
        let ranked = context.candidates.sorted { lhs, rhs in
            if lhs.cost.costPer1kInferencesUSD != rhs.cost.costPer1kInferencesUSD {
                return lhs.cost.costPer1kInferencesUSD < rhs.cost.costPer1kInferencesUSD
            }
            if lhs.breakingPointRPS != rhs.breakingPointRPS { return lhs.breakingPointRPS > rhs.breakingPointRPS }
            return lhs.name < rhs.name
        }
        let limits = context.limits
        let routed = Array(ranked.prefix(limits.maxBackends))
        let why = " per 1k inferences; \(limits.holder) takes only the \(limits.maxBackends) cheapest"
        let overLimit = ranked.dropFirst(limits.maxBackends).map { candidate in
            var detail = "costs "
            detail.reserveCapacity(why.utf8.count + 24)
            detail += DecimalText.usd(candidate.cost.costPer1kInferencesUSD)
            detail += why
            return ExcludedUnit(unit: candidate.name, reason: .overTargetGroupLimit, detail: detail)
        }
        let split = CappedSplit(
            scores: routed.map { 1 / $0.cost.costPer1kInferencesUSD }, caps: routed.map(\.runningCapacityRPS),
            demandRPS: RoutedShares.splitBase(demandRPS: context.demandRPS, candidates: routed), total: context.weightTotal,
            maxWeight: limits.maxWeight
        )
        let entries = RoutedShares(
            candidates: routed, weights: split.weights, demandRPS: context.demandRPS, total: context.weightTotal,
            context: context
        )
            .entries(atCap: split.atCap) { candidate, _ in
                var reason = DecimalText.usd(candidate.cost.costPer1kInferencesUSD)
                reason.reserveCapacity(80)
                reason += " per 1k inferences at "
                reason += candidate.cost.capacityType.rawValue
                reason += " "
                reason += candidate.cost.region
                reason += "; weight ∝ 1 / cost"
                return reason
            }
        return context.plan(
            strategy: .cost, demandRPS: context.demandRPS, entries: entries, sources: routed, excluded: overLimit,
            totals: RoutedShares.totals(entries), notes: RoutedShares.overflowNotes(split)
        )
    }
}

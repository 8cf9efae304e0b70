/// The `capacity` strategy, seed 004's Table 2: spread traffic so that units take nearly equal loads,
/// letting the faster ones take more only up to the fleet's average.
///
/// target = Σ max throughput / N; adjusted_i = min(target, max_i); weights ∝ adjusted_i. "Max throughput"
/// is the breaking point. Units are ranked by breaking point (then cheaper, then name); only the 5 best are
/// routed (the rest are excluded with `.overTargetGroupLimit`), and the target is taken over those 5, the
/// units that will actually share the traffic.
///
/// A unit in a short pool with replicas running keeps its place in the table (its breaking point is per
/// replica) but takes at most what those replicas carry; the demand it cannot take goes to the others in
/// proportion to their adjusted throughputs (`CappedSplit`).
struct CapacityStrategy: Sendable {
    /// Table 2's target and adjusted throughputs for a list of maximum throughputs.
    static func adjustedThroughputs(maxima: [Double]) -> (target: Double, adjusted: [Double]) {
        guard !maxima.isEmpty else { return (0, []) }
        let target = maxima.reduce(0, +) / Double(maxima.count)
        return (target, maxima.map { min(target, $0) })
    }

    func plan(_ context: PlanContext) -> RoutingPlan {
        let ranked = context.candidates.sorted { lhs, rhs in
            if lhs.breakingPointRPS != rhs.breakingPointRPS { return lhs.breakingPointRPS > rhs.breakingPointRPS }
            if lhs.cost.costPer1kInferencesUSD != rhs.cost.costPer1kInferencesUSD {
                return lhs.cost.costPer1kInferencesUSD < rhs.cost.costPer1kInferencesUSD
            }
            return lhs.name < rhs.name
        }
        let limits = context.limits
        let routed = Array(ranked.prefix(limits.maxBackends))
        let why = " rps; \(limits.holder) takes only the \(limits.maxBackends) highest"
        let overLimit = ranked.dropFirst(limits.maxBackends).map { candidate in
            var detail = "breaking point "
            detail.reserveCapacity(why.utf8.count + 32)
            DecimalText.append(candidate.breakingPointRPS, to: &detail)
            detail += why
            return ExcludedUnit(unit: candidate.name, reason: .overTargetGroupLimit, detail: detail)
        }
        let (target, adjusted) = Self.adjustedThroughputs(maxima: routed.map(\.breakingPointRPS))
        let split = CappedSplit(
            scores: adjusted, caps: routed.map(\.runningCapacityRPS),
            demandRPS: RoutedShares.splitBase(demandRPS: context.demandRPS, candidates: routed), total: context.weightTotal,
            maxWeight: limits.maxWeight
        )
        var entries = RoutedShares(
            candidates: routed, weights: split.weights, demandRPS: context.demandRPS, total: context.weightTotal,
            context: context
        )
            .entries(atCap: split.atCap) { candidate, offset in
                var reason = "adjusted throughput "
                reason.reserveCapacity(80)
                DecimalText.append(adjusted[offset], to: &reason)
                reason += " rps = min(target "
                DecimalText.append(target, to: &reason)
                reason += ", max "
                DecimalText.append(candidate.breakingPointRPS, to: &reason)
                reason += ")"
                return reason
            }
        for index in entries.indices { entries[index].adjustedThroughputRPS = adjusted[index] }
        return context.plan(
            strategy: .capacity, demandRPS: context.demandRPS, entries: entries, sources: routed, excluded: overLimit,
            totals: RoutedShares.totals(entries), notes: RoutedShares.overflowNotes(split)
        )
    }
}

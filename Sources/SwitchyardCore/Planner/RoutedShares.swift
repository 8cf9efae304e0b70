/// Entries and totals for the strategies that split traffic without planning replicas (`cost`, `capacity`).
struct RoutedShares: Sendable {
    var candidates: [PlanCandidate]
    var weights: [Int]
    var demandRPS: Double?
    var total: Int
    var context: PlanContext

    /// One entry per candidate, in the given (best-first) order. Expected rps are the weight's share of the
    /// demand, or of the weighted units' summed breaking points when no demand is known. Each entry's reasons are
    /// the strategy's `reason`, the running-capacity cap where `atCap` says it bound, and the rating.
    func entries(atCap: [Bool], reason: (PlanCandidate, Int) -> String) -> [PlanEntry] {
        var base = 0.0
        if let demandRPS {
            base = demandRPS
        } else {
            for (candidate, weight) in zip(candidates, weights) where weight > 0 { base += candidate.breakingPointRPS }
        }
        return zip(candidates, weights).enumerated().map { offset, pair in
            let (candidate, weight) = pair
            var why: [String] = []
            why.reserveCapacity(4)
            why.append(reason(candidate, offset))
            why += candidate.runningCapacityReasons(atCap: atCap[offset])
            why.append(context.ratingReason(candidate))
            if weight == 0 { why.append("its share rounds to weight 0") }
            return PlanEntry(
                unit: candidate.name, breakingPointRPS: candidate.breakingPointRPS,
                costPer1kInferencesUSD: candidate.cost.costPer1kInferencesUSD,
                onDemandCostPer1kInferencesUSD: candidate.cost.onDemandCostPer1kInferencesUSD,
                spotCostPer1kInferencesUSD: candidate.cost.spotCostPer1kInferencesUSD,
                weight: weight, expectedRPS: total > 0 ? base * Double(weight) / Double(total) : 0,
                hourlyCostUSD: candidate.cost.hourlyUSD, reasons: why
            )
        }
    }

    /// The demand a split is capped against: the demand when known, else what one replica of each
    /// candidate carries (the base `entries` takes expected rps from).
    static func splitBase(demandRPS: Double?, candidates: [PlanCandidate]) -> Double {
        demandRPS ?? candidates.reduce(0) { $0 + $1.breakingPointRPS }
    }

    /// The plan note for a split whose capped units cannot carry the demand, if any.
    static func overflowNotes(_ split: CappedSplit) -> [String] {
        guard split.overflowRPS > 1e-9 else { return [] }
        return ["every unit that can take traffic is in a short pool: demand exceeds their running capacity by "
            + "\(DecimalText.format(split.overflowRPS)) rps, which they are sent in proportion to that capacity"]
    }

    /// Breaking points and one replica's hourly price summed over the entries that carry weight.
    static func totals(_ entries: [PlanEntry]) -> PlanTotals {
        let weighted = entries.filter { $0.weight > 0 }
        return PlanTotals(
            capacityRPS: weighted.reduce(0) { $0 + $1.breakingPointRPS },
            hourlyCostUSD: weighted.reduce(0) { $0 + $1.hourlyCostUSD }
        )
    }
}

/// The `optimal` strategy: the cheapest integer mix of replicas that carries demand × (1 + headroom).
///
/// Every qualifying unit becomes a variable of a `ReplicaProblem` (its breaking point per replica, its
/// hourly price, its replica bounds, its pool's limits), solved exactly by `ReplicaOptimizer` with at most 5
/// units in use. Weights are ∝ replicas × breaking point; units left
/// at 0 replicas are excluded as `.notNeeded`. Entries are ranked by planned capacity (then cheaper per
/// inference, then name); expected rps are each unit's share of the demand served.
///
/// Demand is the question's, else the model's expected demand. With no demand at all the plan keeps the
/// model reachable: it plans for "at least one replica somewhere", which the optimiser answers with the
/// unit that is cheapest to run at its minimum replicas, and says so. A demand of 0 is treated the same way,
/// because an ALB forward action without a weighted target group would route nowhere.
///
/// When no mix within the bounds reaches the requirement, the plan carries as much as any feasible mix can
/// (the largest capacity, then the least cost), notes the shortfall, and sets `unservedRPS`.
///
/// A unit in a short pool with replicas running keeps exactly those replicas, and their cost: its pool
/// cannot launch a node it gives up, so the plan does not trade it away for a saving that lasts only until
/// demand grows. The optimiser then plans the rest of the requirement with the units that can grow, with
/// one target group fewer per kept unit. Without running replicas a unit in a short pool is left out.
struct OptimalStrategy: Sendable {
    func plan(_ context: PlanContext) -> RoutingPlan {
        // Name order makes the optimiser's ties independent of the order units were registered in.
        let sorted = context.candidates.sorted { $0.name < $1.name }
        let keptRanked = sorted.filter { $0.runningReplicas != nil }.sorted { lhs, rhs in
            let a = lhs.runningCapacityRPS ?? 0, b = rhs.runningCapacityRPS ?? 0
            return a != b ? a > b : lhs.name < rhs.name
        }
        let limits = context.limits
        let kept = Array(keptRanked.prefix(limits.maxBackends))
        let keptOverLimit = keptRanked.dropFirst(limits.maxBackends).map { candidate in
            ExcludedUnit(
                unit: candidate.name, reason: .overTargetGroupLimit,
                detail: "running capacity \(DecimalText.format(candidate.runningCapacityRPS ?? 0)) rps in a short pool; "
                    + "\(limits.holder) takes only the \(limits.maxBackends) largest"
            )
        }
        let keptCapacity = kept.reduce(0) { $0 + ($1.runningCapacityRPS ?? 0) }
        let keptHourly = kept.reduce(0) { $0 + Double($1.runningReplicas ?? 0) * $1.cost.hourlyUSD }
        let candidates = sorted.filter { $0.runningReplicas == nil }
        let limitsByPool = Dictionary(
            candidates.compactMap { $0.pool.map { ($0.name, $0.limits) } }, uniquingKeysWith: { first, _ in first }
        )
        let poolNames = limitsByPool.keys.sorted()
        let poolIndex = Dictionary(uniqueKeysWithValues: poolNames.enumerated().map { ($1, $0) })
        let poolLimits = poolNames.compactMap { limitsByPool[$0] }
        let demand = context.demandRPS ?? 0
        var notes: [String] = []
        var required = demand * (1 + context.headroom)
        if !(required > 0), kept.isEmpty, let smallest = candidates.map(\.breakingPointRPS).min() {
            // Every replica carries at least the smallest breaking point, so this asks for one replica.
            required = smallest
            notes.append(context.demandRPS == nil
                ? "no demand is known: one unit is kept at its minimum replicas so the model stays reachable"
                : "demand is 0: one unit is kept at its minimum replicas so the model stays reachable")
        }
        if !kept.isEmpty {
            notes.append("running replicas in short pools carry \(DecimalText.format(keptCapacity)) rps; the "
                + "least-cost mix plans the remaining \(DecimalText.format(max(0, required - keptCapacity))) rps")
        }
        let lanes = CapacityLanes(
            candidates: candidates, poolIndex: poolIndex, spot: context.model.spot, requiredRPS: required)
        notes += lanes.notes
        let problem = ReplicaProblem(
            units: lanes.lanes.map(\.variable), pools: poolLimits, requiredRPS: required - keptCapacity,
            maxActiveUnits: limits.maxBackends - kept.count, sharedLimits: lanes.sharedLimits
        )
        let solution = solve(problem, lanes: lanes, spot: context.model.spot, notes: &notes)
        var replicas = Array(repeating: 0, count: candidates.count)
        var shares = Array(repeating: [CapacityShare](), count: candidates.count)
        var hourly = keptHourly
        for (lane, count) in zip(lanes.lanes, solution.replicas) where count > 0 {
            replicas[lane.candidate] += count
            hourly += Double(count) * lane.hourlyUSD
            shares[lane.candidate].append(CapacityShare(
                capacityType: lane.kind, replicas: count, hourlyCostUSD: Double(count) * lane.hourlyUSD,
                expectedHourlyCostUSD: lane.kind == .spot ? Double(count) * lane.plannedHourlyUSD : nil))
        }
        let capacity = keptCapacity + solution.capacityRPS
        if !solution.meetsRequirement, !(candidates.isEmpty && kept.isEmpty) {
            notes.append("demand × (1 + headroom) = \(DecimalText.format(required)) rps cannot be met within replica "
                + "bounds, pool limits and \(limits.maxBackends) \(limits.backends); planned the largest "
                + "feasible capacity, \(DecimalText.format(capacity)) rps")
        }
        let served = min(demand, capacity)
        let unserved = max(0, demand - capacity)

        let active = kept.map { ($0, $0.runningReplicas ?? 0, [CapacityShare]?.none) }
            + candidates.indices.filter { replicas[$0] > 0 }.map { (candidates[$0], replicas[$0], Optional(shares[$0])) }
        let ranked = active.sorted { lhs, rhs in
            let a = Double(lhs.1) * lhs.0.breakingPointRPS, b = Double(rhs.1) * rhs.0.breakingPointRPS
            if a != b { return a > b }
            let ca = lhs.0.cost.costPer1kInferencesUSD, cb = rhs.0.cost.costPer1kInferencesUSD
            return ca != cb ? ca < cb : lhs.0.name < rhs.0.name
        }
        let weights = WeightApportioner(maxTotal: limits.maxWeight).apportion(
            ranked.map { Double($0.1) * $0.0.breakingPointRPS }, total: context.weightTotal
        )
        let entries = zip(ranked, weights).map { pair, weight in
            entry(pair.0, context: context, replicas: pair.1, capacity: pair.2, weight: weight,
                  share: served * Double(pair.1) * pair.0.breakingPointRPS / capacity)
        }
        let idle = candidates.indices.filter { replicas[$0] == 0 }.map { index in
            ExcludedUnit(
                unit: candidates[index].name, reason: .notNeeded,
                detail: "not part of the least-cost mix (\(DecimalText.usd(candidates[index].cost.costPer1kInferencesUSD)) per 1k inferences)"
            )
        }
        return context.plan(
            strategy: .optimal, demandRPS: context.demandRPS, entries: entries, sources: ranked.map(\.0),
            excluded: keptOverLimit + idle,
            totals: PlanTotals(
                capacityRPS: capacity, hourlyCostUSD: hourly,
                servedRPS: served, unservedRPS: unserved
            ),
            notes: notes
        )
    }

    /// The least-cost mix, keeping the model's spare spot nodes when the mix uses spot.
    private func solve(
        _ problem: ReplicaProblem, lanes: CapacityLanes, spot: SpotSettings, notes: inout [String]
    ) -> ReplicaSolution {
        let spotLanes = lanes.lanes.map { $0.kind == .spot }
        if let spared = SpareSpotSearch(spares: spot.spares).solve(problem, spotLanes: spotLanes, spotLimit: lanes.spotLimit) {
            if spared.spareRPS > 0 {
                notes.append("\(spot.spares) spare spot node\(spot.spares == 1 ? "" : "s"): "
                    + "\(DecimalText.format(spared.spareRPS)) rps beyond the requirement, so it is still carried with "
                    + "the largest spot replica\(spot.spares == 1 ? "" : "s") reclaimed")
            }
            return spared.solution
        }
        let solution = ReplicaOptimizer().solve(problem)
        let usesSpot = zip(spotLanes, solution.replicas).contains { $0 && $1 > 0 }
        if spot.spares > 0, usesSpot {
            notes.append("no mix keeps \(spot.spares) spare spot node\(spot.spares == 1 ? "" : "s") within replica "
                + "bounds and pool limits; planned without the spare")
        }
        return solution
    }

    private func entry(
        _ candidate: PlanCandidate, context: PlanContext, replicas: Int, capacity shares: [CapacityShare]?, weight: Int,
        share: Double
    ) -> PlanEntry {
        let capacity = Double(replicas) * candidate.breakingPointRPS
        let mixed = shares.map { $0.count > 1 || $0.first?.capacityType != candidate.unit.capacityType } ?? false
        let hourly = shares.map { $0.reduce(0) { $0 + $1.hourlyCostUSD } } ?? Double(replicas) * candidate.cost.hourlyUSD
        var reasons = [
            "\(replicas) × \(DecimalText.format(candidate.breakingPointRPS)) rps = \(DecimalText.format(capacity)) rps "
                + (mixed ? "at \(DecimalText.usd(hourly))/h in all" : "at \(DecimalText.usd(candidate.cost.hourlyUSD))/h each"),
            context.ratingReason(candidate),
        ] + candidate.runningCapacityReasons(atCap: true)
        if mixed, let shares {
            reasons.append(shares.map { share in
                switch share.capacityType {
                case .reserved: "\(share.replicas) reserved (sunk cost, $0/h marginal)"
                case .spot: "\(share.replicas) spot (\(DecimalText.usd(share.hourlyCostUSD))/h, expected "
                    + "\(DecimalText.usd(share.expectedHourlyCostUSD ?? share.hourlyCostUSD))/h with reclaimed nodes replaced)"
                case .onDemand: "\(share.replicas) on-demand (\(DecimalText.usd(share.hourlyCostUSD))/h)"
                }
            }.joined(separator: ", "))
        }
        if weight == 0 { reasons.append("its share rounds to weight 0") }
        return PlanEntry(
            unit: candidate.name, breakingPointRPS: candidate.breakingPointRPS,
            costPer1kInferencesUSD: candidate.cost.costPer1kInferencesUSD,
            onDemandCostPer1kInferencesUSD: candidate.cost.onDemandCostPer1kInferencesUSD,
            spotCostPer1kInferencesUSD: candidate.cost.spotCostPer1kInferencesUSD,
            weight: weight, expectedRPS: share.isFinite ? share : 0, replicas: replicas,
            hourlyCostUSD: hourly, reasons: reasons, capacity: shares
        )
    }
}

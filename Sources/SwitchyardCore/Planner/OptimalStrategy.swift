/// The `optimal` strategy: the cheapest integer mix of replicas that carries demand × (1 + headroom).
///
/// Every qualifying unit becomes a variable of a `ReplicaProblem` (its breaking point per replica, its
/// hourly price, its replica bounds, its pool's limits; units in short pools never qualify), solved exactly
/// by `ReplicaOptimizer` with at most 5 units in use. Weights are ∝ replicas × breaking point; units left
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
struct OptimalStrategy: Sendable {
    func plan(_ context: PlanContext) -> RoutingPlan {
        // Name order makes the optimiser's ties independent of the order units were registered in.
        let candidates = context.candidates.sorted { $0.name < $1.name }
        let limitsByPool = Dictionary(
            candidates.compactMap { $0.pool.map { ($0.name, $0.limits) } }, uniquingKeysWith: { first, _ in first }
        )
        let poolNames = limitsByPool.keys.sorted()
        let poolIndex = Dictionary(uniqueKeysWithValues: poolNames.enumerated().map { ($1, $0) })
        let poolLimits = poolNames.compactMap { limitsByPool[$0] }
        let demand = context.demandRPS ?? 0
        var notes: [String] = []
        var required = demand * (1 + context.headroom)
        if !(required > 0), let smallest = candidates.map(\.breakingPointRPS).min() {
            // Every replica carries at least the smallest breaking point, so this asks for one replica.
            required = smallest
            notes.append(context.demandRPS == nil
                ? "no demand is known: one unit is kept at its minimum replicas so the model stays reachable"
                : "demand is 0: one unit is kept at its minimum replicas so the model stays reachable")
        }
        let problem = ReplicaProblem(
            units: candidates.map { candidate in
                ReplicaProblem.Unit(
                    capacityRPS: candidate.breakingPointRPS, hourlyUSD: candidate.cost.hourlyUSD,
                    minReplicas: candidate.unit.minReplicas, maxReplicas: candidate.unit.maxReplicas,
                    pool: candidate.pool.flatMap { poolIndex[$0.name] },
                    usage: ReplicaProblem.ResourceUsage(instanceType: candidate.instanceType)
                )
            },
            pools: poolLimits, requiredRPS: required
        )
        let solution = ReplicaOptimizer().solve(problem)
        if !solution.meetsRequirement, !candidates.isEmpty {
            notes.append("demand × (1 + headroom) = \(DecimalText.format(required)) rps cannot be met within replica "
                + "bounds, pool limits and \(WeightApportioner.maxTargetGroups) target groups; planned the largest "
                + "feasible capacity, \(DecimalText.format(solution.capacityRPS)) rps")
        }
        let served = min(demand, solution.capacityRPS)
        let unserved = max(0, demand - solution.capacityRPS)

        let active = candidates.indices.filter { solution.replicas[$0] > 0 }.sorted { lhs, rhs in
            let a = Double(solution.replicas[lhs]) * candidates[lhs].breakingPointRPS
            let b = Double(solution.replicas[rhs]) * candidates[rhs].breakingPointRPS
            if a != b { return a > b }
            let ca = candidates[lhs].cost.costPer1kInferencesUSD, cb = candidates[rhs].cost.costPer1kInferencesUSD
            return ca != cb ? ca < cb : candidates[lhs].name < candidates[rhs].name
        }
        let weights = WeightApportioner().apportion(
            active.map { Double(solution.replicas[$0]) * candidates[$0].breakingPointRPS }, total: context.weightTotal
        )
        let entries = zip(active, weights).map { index, weight in
            entry(candidates[index], context: context, replicas: solution.replicas[index], weight: weight,
                  share: served * Double(solution.replicas[index]) * candidates[index].breakingPointRPS
                      / solution.capacityRPS)
        }
        let idle = candidates.indices.filter { solution.replicas[$0] == 0 }.map { index in
            ExcludedUnit(
                unit: candidates[index].name, reason: .notNeeded,
                detail: "not part of the least-cost mix (\(DecimalText.usd(candidates[index].cost.costPer1kInferencesUSD)) per 1k inferences)"
            )
        }
        return context.plan(
            strategy: .optimal, demandRPS: context.demandRPS, entries: entries, excluded: idle,
            totals: PlanTotals(
                capacityRPS: solution.capacityRPS, hourlyCostUSD: solution.hourlyUSD,
                servedRPS: served, unservedRPS: unserved
            ),
            notes: notes
        )
    }

    private func entry(_ candidate: PlanCandidate, context: PlanContext, replicas: Int, weight: Int, share: Double) -> PlanEntry {
        let capacity = Double(replicas) * candidate.breakingPointRPS
        var reasons = [
            "\(replicas) × \(DecimalText.format(candidate.breakingPointRPS)) rps = \(DecimalText.format(capacity)) rps "
                + "at \(DecimalText.usd(candidate.cost.hourlyUSD))/h each",
            context.ratingReason(candidate),
        ]
        if weight == 0 { reasons.append("its share rounds to weight 0") }
        return PlanEntry(
            unit: candidate.name, breakingPointRPS: candidate.breakingPointRPS,
            costPer1kInferencesUSD: candidate.cost.costPer1kInferencesUSD,
            onDemandCostPer1kInferencesUSD: candidate.cost.onDemandCostPer1kInferencesUSD,
            spotCostPer1kInferencesUSD: candidate.cost.spotCostPer1kInferencesUSD,
            weight: weight, expectedRPS: share.isFinite ? share : 0, replicas: replicas,
            hourlyCostUSD: Double(replicas) * candidate.cost.hourlyUSD, reasons: reasons
        )
    }
}

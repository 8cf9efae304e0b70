/// The capacity kinds the `optimal` strategy may run each candidate on, as variables of one `ReplicaProblem`.
///
/// A candidate becomes one lane per kind it allows and its pool launches: reserved at a marginal price of 0 up to
/// the pool's reservation (shared by the pool's units), spot at its expected price (`PlanContext`), on-demand at its
/// list price. The lanes of one candidate share its target group and its maximum replicas. When the model's spot
/// ceiling (`SpotSettings.spotCeiling`) is below 1, every spot lane draws on one more shared limit: that fraction of
/// the required capacity, in rps, so on-demand and reserved lanes carry the on-demand floor alone. A candidate with
/// a single on-demand or spot lane and no spot ceiling to honour is the variable it always was.
struct CapacityLanes {
    struct Lane {
        /// Index into the candidates the lanes were built from.
        var candidate: Int
        var kind: CapacityType
        /// What one replica adds to the bill: 0 on reserved capacity, the list price otherwise.
        var hourlyUSD: Double
        /// What the optimiser minimises: 0 on reserved capacity, the expected price on spot, the list price otherwise.
        var plannedHourlyUSD: Double
        var variable: ReplicaProblem.Unit
    }

    private(set) var lanes: [Lane] = []
    private(set) var sharedLimits: [Double] = []
    private(set) var notes: [String] = []
    /// Index into `sharedLimits` of the model's spot ceiling; nil when spot is not bounded.
    private(set) var spotLimit: Int?

    init(candidates: [PlanCandidate], poolIndex: [String: Int], spot: SpotSettings, requiredRPS: Double) {
        let ceiling = spot.spotCeiling
        if ceiling < 1 {
            spotLimit = sharedLimits.count
            sharedLimits.append(max(0, ceiling * requiredRPS))
            notes.append("spot carries at most \(DecimalText.format(ceiling * 100)) % of the required "
                + "\(DecimalText.format(requiredRPS)) rps (maxShare \(DecimalText.format(spot.maxShare)), on-demand floor "
                + "\(DecimalText.format(spot.onDemandFloor)))")
        }
        var reservationLimits: [String: Int] = [:]
        for (index, candidate) in candidates.enumerated() {
            let poolKinds = candidate.pool?.capacityTypes ?? CapacityType.allCases
            let kinds = candidate.unit.capacityTypes.filter(poolKinds.contains)
            var built: [Lane] = []
            for kind in kinds {
                switch kind {
                case .reserved:
                    guard let pool = candidate.pool, let reservation = pool.reservation, reservation.instanceCount > 0
                    else { continue }
                    // The pool's units share its reservation.
                    let limit: Int
                    if let known = reservationLimits[pool.name] {
                        limit = known
                    } else {
                        sharedLimits.append(Double(reservation.instanceCount))
                        limit = sharedLimits.count - 1
                        reservationLimits[pool.name] = limit
                    }
                    built.append(lane(candidate, index, kind, hourly: 0, planned: 0, poolIndex: poolIndex,
                                      claims: [.init(limit: limit, amount: 1)]))
                case .spot:
                    guard let list = candidate.instanceType.hourlyPrice(region: candidate.unit.region, capacityType: .spot),
                          list > 0
                    else {
                        notes.append("\(candidate.name): \(candidate.instanceType.name) has no spot price in "
                            + "\(candidate.unit.region); planned without spot")
                        continue
                    }
                    let claims = spotLimit.map { [ReplicaProblem.SharedClaim(limit: $0, amount: candidate.breakingPointRPS)] } ?? []
                    built.append(lane(candidate, index, kind, hourly: list,
                                      planned: PlanContext.expectedSpotHourlyUSD(list, candidate: candidate),
                                      poolIndex: poolIndex, claims: claims))
                case .onDemand:
                    guard let list = candidate.instanceType.hourlyPrice(region: candidate.unit.region, capacityType: .onDemand),
                          list > 0
                    else { continue }
                    built.append(lane(candidate, index, kind, hourly: list, planned: list, poolIndex: poolIndex, claims: []))
                }
            }
            if built.isEmpty {
                // The kinds priced no lane (the unit's kind alone, as `cost` prices it): plan it as before.
                built = [lane(candidate, index, candidate.unit.capacityType, hourly: candidate.cost.hourlyUSD,
                              planned: candidate.cost.hourlyUSD, poolIndex: poolIndex, claims: [])]
            }
            if built.count > 1 {
                sharedLimits.append(Double(candidate.unit.maxReplicas))
                let total = sharedLimits.count - 1
                for position in built.indices {
                    built[position].variable.sharedClaims.append(.init(limit: total, amount: 1))
                    built[position].variable.group = index
                }
            }
            lanes += built
        }
    }

    private func lane(
        _ candidate: PlanCandidate, _ index: Int, _ kind: CapacityType, hourly: Double, planned: Double,
        poolIndex: [String: Int], claims: [ReplicaProblem.SharedClaim]
    ) -> Lane {
        var maxReplicas = candidate.unit.maxReplicas
        if kind == .reserved, let count = candidate.pool?.reservation?.instanceCount { maxReplicas = min(maxReplicas, count) }
        return Lane(
            candidate: index, kind: kind, hourlyUSD: hourly, plannedHourlyUSD: planned,
            variable: ReplicaProblem.Unit(
                capacityRPS: candidate.breakingPointRPS, hourlyUSD: planned,
                minReplicas: kind == .reserved ? 0 : candidate.unit.minReplicas,
                maxReplicas: maxReplicas, pool: candidate.pool.flatMap { poolIndex[$0.name] },
                usage: ReplicaProblem.ResourceUsage(instanceType: candidate.instanceType), sharedClaims: claims
            )
        )
    }
}

/// What every strategy starts from: the qualifying units, those left out with their reason, and the
/// question's parameters made safe to compute with.
struct PlanContext: Sendable {
    var model: ServedModel
    var candidates: [PlanCandidate]
    var excluded: [ExcludedUnit]
    var weightTotal: Int
    /// The model's router's limits: how many units one plan routes to and how large its weights may be.
    var limits: RouterLimits
    var headroom: Double
    /// Finite and >= 0, or nil when neither the question nor the model states one.
    var demandRPS: Double?
    var notes: [String]
    let finder: BreakingPointFinder

    init(input: PlanningInput, finder: BreakingPointFinder) {
        model = input.model
        self.finder = finder
        notes = []
        limits = input.model.routing.router.limits
        weightTotal = input.weightTotal
        if !(1...limits.maxWeight).contains(input.weightTotal) {
            weightTotal = min(max(input.weightTotal, 1), limits.maxWeight)
            notes.append("weight total \(input.weightTotal) is outside 1...\(limits.maxWeight) (\(limits.holder)); used \(weightTotal)")
        }
        headroom = input.headroom
        if !(input.headroom.isFinite && input.headroom >= 0) {
            headroom = 0
            notes.append("headroom \(input.headroom) is not a non-negative number; used 0")
        }
        demandRPS = input.effectiveDemandRPS
        if let demand = demandRPS, !(demand.isFinite && demand >= 0) {
            demandRPS = 0
            notes.append("demand \(demand) rps is not a non-negative number; used 0")
        }
        candidates = []
        excluded = []
        let calculator = CostCalculator()
        candidates.reserveCapacity(input.units.count)
        for unit in input.units {
            guard unit.enabled else {
                excluded.append(ExcludedUnit(unit: unit.name, reason: .disabled, detail: "the unit is disabled"))
                continue
            }
            let finding = finder.find(unit: unit, model: input.model, runs: input.benchmarks[unit.name] ?? [])
            guard finding.isRated, let breakingPoint = finding.breakingPointRPS else {
                excluded.append(ExcludedUnit(
                    unit: unit.name, reason: .unrated, detail: finder.explanation(finding, slo: input.model.slo)
                ))
                continue
            }
            var running: Int?
            if input.shortPools.contains(unit.pool) {
                // A shortage stops new nodes only: replicas already serving can keep serving.
                let ready = min(input.runningReplicas[unit.name] ?? 0, unit.maxReplicas)
                guard ready > 0 else {
                    excluded.append(ExcludedUnit(
                        unit: unit.name, reason: .poolShort,
                        detail: "pool \(unit.pool) is flagged short of capacity and no replica of the unit is running"
                    ))
                    continue
                }
                running = ready
            }
            let instanceType = input.instanceTypes[unit.instanceType]
            guard let instanceType,
                  let cost = calculator.cost(of: unit, instanceType: instanceType, breakingPointRPS: breakingPoint)
            else {
                excluded.append(ExcludedUnit(
                    unit: unit.name, reason: .noPrice,
                    detail: calculator.missingPriceDetail(of: unit, instanceType: instanceType)
                ))
                continue
            }
            candidates.append(PlanCandidate(
                unit: unit, finding: finding, breakingPointRPS: breakingPoint, cost: cost,
                instanceType: instanceType, pool: input.pools[unit.pool], runningReplicas: running
            ))
        }
    }

    /// How the candidate's breaking point was found, in words.
    func ratingReason(_ candidate: PlanCandidate) -> String {
        var reason = "breaking point "
        reason.reserveCapacity(120)
        finder.writeExplanation(candidate.finding, slo: model.slo, into: &reason)
        return reason
    }

    /// A plan with these entries, made from `sources` (each entry's candidate, in the same order); the weight total is
    /// reported only when some unit carries weight.
    func plan(
        strategy: StrategyKind, demandRPS: Double?, entries: [PlanEntry], sources: [PlanCandidate],
        excluded extra: [ExcludedUnit], totals: PlanTotals, notes extraNotes: [String] = []
    ) -> RoutingPlan {
        let weighted = entries.contains { $0.weight > 0 }
        var notes = notes + extraNotes
        if !weighted { notes.append("no unit qualifies for traffic") }
        var totals = totals
        totals.capacityKinds = capacityKindTotals(entries: entries, sources: sources, hourlyCostUSD: totals.hourlyCostUSD)
        return RoutingPlan(
            model: model.name, strategy: strategy, demandRPS: demandRPS,
            headroom: strategy == .optimal ? headroom : 0,
            weightTotal: weighted ? weightTotal : 0, entries: entries, excluded: excluded + extra,
            totals: totals, notes: notes
        )
    }
}

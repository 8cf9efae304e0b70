/// Spare spot nodes (`SpotSettings.spareNodes`) in the `optimal` strategy's replica problem.
///
/// A mix that uses spot keeps the capacity of its `spares` largest spot replicas beyond the requirement, so the
/// requirement is still carried with that many spot nodes reclaimed at once, and a warned node's traffic has warm
/// capacity to move to. Which spot replica is the largest depends on the mix, so the problem is solved once with no
/// spot lane (no spare needed) and once per distinct spot replica capacity c: only the spot lanes of at most c, the
/// requirement raised by spares × c, and the spot ceiling raised by the same (spares ride on top of the share). The
/// cheapest mix that meets its requirement, and keeps the spot share with the spare of its own largest spot replica,
/// wins; on a tie, the one with fewer spot lanes allowed.
struct SpareSpotSearch {
    struct Result {
        var solution: ReplicaSolution
        /// Capacity kept beyond the requirement for reclaimed spot nodes, 0 when the mix uses no spot.
        var spareRPS: Double
    }

    let spares: Int

    /// The best spared mix; nil when there is nothing to spare (no spare asked, no spot lane) or no spared variant
    /// meets its requirement.
    func solve(_ problem: ReplicaProblem, spotLanes: [Bool], spotLimit: Int?) -> Result? {
        let spotCapacities = Set(zip(problem.units, spotLanes).filter { $0.1 && $0.0.maxReplicas > 0 }.map(\.0.capacityRPS))
            .filter { $0.isFinite && $0 > 0 }.sorted()
        guard spares > 0, !spotCapacities.isEmpty else { return nil }
        let optimizer = ReplicaOptimizer()
        var best: Result?
        for largest in [0.0] + spotCapacities {
            var variant = problem
            for index in variant.units.indices where spotLanes[index] && variant.units[index].capacityRPS > largest {
                variant.units[index].maxReplicas = 0
            }
            let spare = Double(spares) * largest
            variant.requiredRPS += spare
            if let spotLimit, variant.sharedLimits.indices.contains(spotLimit) { variant.sharedLimits[spotLimit] += spare }
            let solution = optimizer.solve(variant)
            guard solution.meetsRequirement else { continue }
            // A mix whose largest spot replica is smaller than this variant's holds only if it keeps the spot share
            // with its own spare; otherwise a variant of its own size plans it.
            let used = zip(zip(problem.units, spotLanes), solution.replicas).filter { $0.0.1 && $0.1 > 0 }
            let usedLargest = used.map(\.0.0.capacityRPS).max() ?? 0
            if usedLargest < largest, let spotLimit, problem.sharedLimits.indices.contains(spotLimit) {
                let spotRPS = used.reduce(0) { $0 + Double($1.1) * $1.0.0.capacityRPS }
                guard spotRPS <= problem.sharedLimits[spotLimit] + Double(spares) * usedLargest + 1e-9 else { continue }
            }
            if let current = best, current.solution.hourlyUSD <= solution.hourlyUSD + 1e-9 { continue }
            best = Result(solution: solution, spareRPS: spare)
        }
        return best
    }
}

extension ReplaySimulator {
    /// The oracle: at every step, the cheapest integer replicas (the `optimal` planner with no
    /// headroom and no minimum replicas) that carry the step's demand, ready at once, routed in
    /// proportion to capacity. In a capacity window it cannot grow a short pool: a unit there keeps
    /// at most the replicas it had the step before (or, under a partial limit, the pool at most that
    /// many nodes). Plans are memoised by (demand rounded up to whole rps, bounds), which only adds
    /// capacity, so the bound stays safe.
    func oracleSteps(_ fleet: ReplayFleet, record: (ReplayStep) -> Void) throws(ReplayError) {
        let scenario = fleet.scenario
        let units = fleet.units
        let windows = Dictionary(grouping: scenario.capacityWindows, by: \.pool)
        var previous = [Int](repeating: 0, count: units.count)
        var memo: [OracleQuestion: [Int]] = [:]
        for index in 0..<stepCount(scenario) {
            try checkCancellation(at: index)
            let t = Double(index) * scenario.stepSeconds
            let demand = scenario.demand.rps(at: t)
            var question = OracleQuestion(
                requiredRPS: Int(saturating: max(0, demand - 1e-9).rounded(.up)), maxReplicas: units.map(\.maxReplicas), poolNodeLimits: [:]
            )
            for (pool, poolWindows) in windows {
                let active = poolWindows.filter { $0.contains(t) }
                guard !active.isEmpty else { continue }
                let members = units.indices.filter { units[$0].pool == pool }
                let held = members.reduce(0) { $0 + previous[$1] }
                let limit = active.map { $0.nodeLimit ?? held }.min() ?? held
                if held >= limit {
                    for i in members { question.maxReplicas[i] = min(question.maxReplicas[i], previous[i]) }
                } else {
                    question.poolNodeLimits[pool] = limit
                }
            }
            let replicas: [Int]
            if let hit = memo[question] {
                replicas = hit
            } else {
                replicas = fleet.cheapestReplicas(
                    requiredRPS: Double(question.requiredRPS), maxReplicas: question.maxReplicas,
                    poolNodeLimits: question.poolNodeLimits
                )
                memo[question] = replicas
            }
            previous = replicas
            let capacities = zip(replicas, units).map { Double($0) * $1.breakingPointRPS }
            let capacity = capacities.reduce(0, +)
            let served = min(demand, capacity)
            let perUnit = capacities.map { capacity > 0 ? served * $0 / capacity : 0 }
            let hourly = zip(replicas, units).reduce(0.0) { $0 + Double($1.0) * $1.1.hourlyUSD }
            record(ReplayStep(
                t: t, demandRPS: demand, routedRPS: perUnit, servedRPS: perUnit, droppedRPS: demand - served,
                weights: capacities.map { capacity > 0 ? Int(saturating: (100 * $0 / capacity).rounded()) : 0 },
                readyReplicas: replicas, nodes: replicas, hourlyCostUSD: hourly
            ))
        }
    }
}

/// What the oracle asks the planner at one step.
struct OracleQuestion: Hashable {
    var requiredRPS: Int
    var maxReplicas: [Int]
    var poolNodeLimits: [String: Int]
}

extension ReplaySimulator {
    /// The oracle: at every step, the cheapest integer replicas (the `optimal` planner with no
    /// headroom and no minimum replicas) that carry the step's demand, ready at once, routed in
    /// proportion to capacity. In a capacity window it cannot grow a short pool: a unit there keeps
    /// at most the replicas it had the step before (or, under a partial limit, the pool at most that
    /// many nodes). Plans are memoised by (demand rounded up to whole rps, bounds), which only adds
    /// capacity, so the bound stays safe.
    func oracleSteps(_ fleet: ReplayFleet, record: (ReplayStep) -> Void) throws(ReplayError) {
        let serving = try cheapestServing(fleet, utilization: 1)
        boundSteps(fleet, serving: serving, nodes: serving, record: record)
    }

    /// The clairvoyant bound: the oracle's question asked for demand / the adaptive strategy's target
    /// utilisation, with each
    /// replica launched its unit's time to serve before it is needed and paid from then: the nodes of a
    /// unit at `t` are the most replicas it serves with anywhere in `[t, t + time to serve]`.
    func clairvoyantSteps(_ fleet: ReplayFleet, record: (ReplayStep) -> Void) throws(ReplayError) {
        let serving = try cheapestServing(fleet, utilization: fleet.scenario.adaptive.targetUtilization)
        let step = fleet.scenario.stepSeconds
        var nodes = serving
        for (i, unit) in fleet.units.enumerated() {
            let ahead = Int((unit.timing.secondsUntilServing / step - 1e-9).rounded(.up))
            guard ahead > 0 else { continue }
            // A sliding maximum over the next `ahead` steps, kept as a deque of candidate indices.
            var window: [Int] = []
            var head = 0
            var next = 0
            for t in serving.indices {
                while next < serving.count, next <= t + ahead {
                    while window.count > head, serving[window[window.count - 1]][i] <= serving[next][i] { window.removeLast() }
                    window.append(next)
                    next += 1
                }
                while window[head] < t { head += 1 }
                nodes[t][i] = serving[window[head]][i]
            }
        }
        boundSteps(fleet, serving: serving, nodes: nodes, record: record)
    }

    /// Per step, the cheapest replicas serving demand / `utilization`, within the capacity windows.
    private func cheapestServing(_ fleet: ReplayFleet, utilization: Double) throws(ReplayError) -> [[Int]] {
        let scenario = fleet.scenario
        let units = fleet.units
        let windows = Dictionary(grouping: scenario.capacityWindows, by: \.pool)
        let scale = utilization > 0 ? 1 / min(utilization, 1) : 1
        var previous = [Int](repeating: 0, count: units.count)
        var memo: [OracleQuestion: [Int]] = [:]
        var all: [[Int]] = []
        all.reserveCapacity(stepCount(scenario))
        for index in 0..<stepCount(scenario) {
            try checkCancellation(at: index)
            let t = Double(index) * scenario.stepSeconds
            let required = scenario.demand.rps(at: t) * scale
            var question = OracleQuestion(
                requiredRPS: Int(saturating: max(0, required - 1e-9).rounded(.up)),
                maxReplicas: units.map(\.maxReplicas), poolNodeLimits: [:]
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
            all.append(replicas)
        }
        return all
    }

    /// Records a bound's steps: `serving` replicas carry demand at their breaking points, routed in
    /// proportion to capacity; `nodes` are paid for.
    private func boundSteps(_ fleet: ReplayFleet, serving: [[Int]], nodes: [[Int]], record: (ReplayStep) -> Void) {
        let scenario = fleet.scenario
        let units = fleet.units
        for (index, replicas) in serving.enumerated() {
            let t = Double(index) * scenario.stepSeconds
            let demand = scenario.demand.rps(at: t)
            let capacities = zip(replicas, units).map { Double($0) * $1.breakingPointRPS }
            let capacity = capacities.reduce(0, +)
            let served = min(demand, capacity)
            let perUnit = capacities.map { capacity > 0 ? served * $0 / capacity : 0 }
            let hourly = zip(nodes[index], units).reduce(0.0) { $0 + Double($1.0) * $1.1.hourlyUSD }
            record(ReplayStep(
                t: t, demandRPS: demand, routedRPS: perUnit, servedRPS: perUnit, droppedRPS: demand - served,
                weights: capacities.map { capacity > 0 ? Int(saturating: (100 * $0 / capacity).rounded()) : 0 },
                readyReplicas: replicas, nodes: nodes[index], hourlyCostUSD: hourly
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

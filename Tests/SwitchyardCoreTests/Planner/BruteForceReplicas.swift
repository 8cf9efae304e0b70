import SwitchyardCore

/// Exhaustive search over every replica vector, with its own feasibility check, to hold the optimiser to.
enum BruteForceReplicas {
    struct Best {
        var capacity: Double
        var cost: Double
        var meets: Bool
    }

    static func feasible(_ problem: ReplicaProblem, _ replicas: [Int]) -> Bool {
        var active = 0
        for (unit, r) in zip(problem.units, replicas) where r > 0 {
            if r < max(1, unit.minReplicas) || r > unit.maxReplicas { return false }
            active += 1
        }
        if active > problem.maxActiveUnits { return false }
        for (index, limits) in problem.pools.enumerated() {
            var cpu = 0.0, memory = 0.0, accelerators = 0.0, nodes = 0.0
            for (unit, r) in zip(problem.units, replicas) where unit.pool == index {
                cpu += Double(r) * unit.usage.cpu
                memory += Double(r) * unit.usage.memoryGiB
                accelerators += Double(r) * unit.usage.accelerators
                nodes += Double(r) * unit.usage.nodes
            }
            if let limit = limits.cpu, cpu > Double(limit) { return false }
            if let limit = limits.memoryGiB, memory > limit { return false }
            if let limit = limits.accelerators, accelerators > Double(limit) { return false }
            if let limit = limits.nodes, nodes > Double(limit) { return false }
        }
        return true
    }

    /// The least cost meeting the requirement, or else the largest capacity at its least cost.
    static func solve(_ problem: ReplicaProblem) -> Best {
        var best = Best(capacity: 0, cost: 0, meets: !(problem.requiredRPS > 0))
        if best.meets { return best }
        var replicas = Array(repeating: 0, count: problem.units.count)
        func visit(_ k: Int) {
            if k == problem.units.count {
                guard feasible(problem, replicas) else { return }
                let capacity = problem.capacityRPS(replicas), cost = problem.hourlyUSD(replicas)
                let meets = capacity >= problem.requiredRPS - 1e-9
                if meets {
                    if !best.meets || cost < best.cost - 1e-9 { best = Best(capacity: capacity, cost: cost, meets: true) }
                } else if !best.meets {
                    if capacity > best.capacity + 1e-9 || (abs(capacity - best.capacity) <= 1e-9 && cost < best.cost - 1e-9) {
                        best = Best(capacity: capacity, cost: cost, meets: false)
                    }
                }
                return
            }
            for r in 0...max(0, problem.units[k].maxReplicas) {
                replicas[k] = r
                visit(k + 1)
            }
            replicas[k] = 0
        }
        visit(0)
        return best
    }
}

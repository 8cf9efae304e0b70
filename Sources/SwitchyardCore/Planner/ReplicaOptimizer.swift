/// Solves a `ReplicaProblem` exactly by depth-first branch and bound.
///
/// Minimum cost: units are ordered by hourly price per rps; each node fixes one unit's replicas (the count
/// that covers the remaining need first, down to its minimum, then 0), and is pruned when the LP relaxation
/// of the rest (fractional replicas, each unit alone against its pool's remaining room, greedy by price per
/// rps, which solves that LP exactly) cannot beat the best mix found. The relaxation drops the coupling
/// constraints, so it never overestimates: the search stays exact.
///
/// When no feasible mix reaches the requirement the largest feasible capacity is found first (the same
/// search maximising Σ r_i × capacity_i, bounded by the best remaining units), and the least-cost mix with
/// that capacity is returned with `meetsRequirement` false. A requirement of 0 or less needs no replicas.
public struct ReplicaOptimizer: Sendable {
    public init() {}

    public func solve(_ problem: ReplicaProblem) -> ReplicaSolution {
        let none = Array(repeating: 0, count: problem.units.count)
        let usable = problem.units.indices.filter { Self.isUsable(problem.units[$0], in: problem) }
        let required = problem.requiredRPS
        guard required.isFinite, required > 0, !usable.isEmpty, problem.maxActiveUnits > 0 else {
            return ReplicaSolution(replicas: none, capacityRPS: 0, hourlyUSD: 0, meetsRequirement: !(required > 0))
        }
        let byPricePerRPS = usable.sorted { lhs, rhs in
            let a = problem.units[lhs], b = problem.units[rhs]
            let ra = a.hourlyUSD / a.capacityRPS, rb = b.hourlyUSD / b.capacityRPS
            if ra != rb { return ra < rb }
            return a.capacityRPS != b.capacityRPS ? a.capacityRPS > b.capacityRPS : lhs < rhs
        }
        var search = ReplicaSearch(problem: problem, order: byPricePerRPS)
        if let cheapest = search.leastCost(covering: required) {
            return solution(problem, order: byPricePerRPS, replicas: cheapest, meets: true)
        }
        let byCapacity = usable.sorted { lhs, rhs in
            let a = problem.units[lhs], b = problem.units[rhs]
            let ca = Double(a.maxReplicas) * a.capacityRPS, cb = Double(b.maxReplicas) * b.capacityRPS
            return ca != cb ? ca > cb : lhs < rhs
        }
        var widest = ReplicaSearch(problem: problem, order: byCapacity)
        let most = widest.largestCapacity()
        guard most > 0 else {
            return ReplicaSolution(replicas: none, capacityRPS: 0, hourlyUSD: 0, meetsRequirement: false)
        }
        // The largest capacity is reachable by construction; a hair of slack absorbs summation order.
        var cheapestWidest = ReplicaSearch(problem: problem, order: byPricePerRPS)
        guard let replicas = cheapestWidest.leastCost(covering: most * (1 - 1e-9)) else {
            return ReplicaSolution(replicas: none, capacityRPS: 0, hourlyUSD: 0, meetsRequirement: false)
        }
        return solution(problem, order: byPricePerRPS, replicas: replicas, meets: false)
    }

    private func solution(_ problem: ReplicaProblem, order: [Int], replicas: [Int], meets: Bool) -> ReplicaSolution {
        var full = Array(repeating: 0, count: problem.units.count)
        for (position, index) in order.enumerated() { full[index] = replicas[position] }
        return ReplicaSolution(
            replicas: full, capacityRPS: problem.capacityRPS(full), hourlyUSD: problem.hourlyUSD(full),
            meetsRequirement: meets
        )
    }

    private static func isUsable(_ unit: ReplicaProblem.Unit, in problem: ReplicaProblem) -> Bool {
        guard unit.capacityRPS.isFinite, unit.capacityRPS > 0, unit.hourlyUSD.isFinite, unit.hourlyUSD >= 0,
              unit.maxReplicas >= unit.lowestActiveReplicas
        else { return false }
        let usage = unit.usage
        guard [usage.cpu, usage.memoryGiB, usage.accelerators, usage.nodes].allSatisfy({ $0.isFinite && $0 >= 0 })
        else { return false }
        if let pool = unit.pool { return problem.pools.indices.contains(pool) }
        return true
    }
}

/// The mutable state of one branch-and-bound search over units in a fixed order.
private struct ReplicaSearch {
    private let count: Int
    private let capacity: [Double]
    private let price: [Double]
    private let lowest: [Int]
    private let highest: [Int]
    private let pool: [Int]
    /// Per unit, four resources per replica: cpu, memory, accelerators, nodes.
    private let usage: [Double]
    /// Per pool, four resources left; infinity when unlimited.
    private var room: [Double]
    private let maxActive: Int
    private var current: [Int]
    private var best: [Int]?
    private var bestCost = Double.infinity
    private var bestCapacity = 0.0
    private var tolerance = 1e-9
    /// Scratch space for `largestCapacity(from:slots:)`.
    private var top: [Double]

    init(problem: ReplicaProblem, order: [Int]) {
        let units = order.map { problem.units[$0] }
        count = units.count
        capacity = units.map(\.capacityRPS)
        price = units.map(\.hourlyUSD)
        lowest = units.map(\.lowestActiveReplicas)
        highest = units.map(\.maxReplicas)
        pool = units.map { $0.pool ?? -1 }
        usage = units.flatMap { [$0.usage.cpu, $0.usage.memoryGiB, $0.usage.accelerators, $0.usage.nodes] }
        room = problem.pools.flatMap { limits in
            [limits.cpu.map(Double.init), limits.memoryGiB, limits.accelerators.map(Double.init), limits.nodes.map(Double.init)]
                .map { $0 ?? .infinity }
        }
        maxActive = problem.maxActiveUnits
        current = Array(repeating: 0, count: units.count)
        top = Array(repeating: 0, count: max(0, problem.maxActiveUnits))
    }

    /// The most replicas unit `i` could add given what its pool has left.
    private func fit(_ i: Int) -> Int {
        var most = Double(highest[i])
        let p = pool[i]
        if p >= 0 {
            for d in 0..<4 where usage[i * 4 + d] > 0 {
                most = min(most, (room[p * 4 + d] / usage[i * 4 + d] + 1e-9).rounded(.down))
            }
        }
        return Int(saturating: max(most, 0))
    }

    private mutating func take(_ i: Int, _ replicas: Int) {
        current[i] = replicas
        let p = pool[i]
        guard p >= 0 else { return }
        for d in 0..<4 { room[p * 4 + d] -= Double(replicas) * usage[i * 4 + d] }
    }

    private mutating func release(_ i: Int) {
        let p = pool[i]
        if p >= 0 {
            for d in 0..<4 { room[p * 4 + d] += Double(current[i]) * usage[i * 4 + d] }
        }
        current[i] = 0
    }

    /// An upper bound on what units `k...` can add: the `slots` largest, each alone against its pool's room.
    private mutating func largestCapacity(from k: Int, slots: Int) -> Double {
        guard slots > 0 else { return 0 }
        // A small insertion into a reused buffer: slots are few, and the search calls this at many nodes.
        for slot in 0..<slots { top[slot] = 0 }
        for i in k..<count {
            let most = fit(i)
            guard most >= lowest[i] else { continue }
            var value = Double(most) * capacity[i]
            for slot in 0..<slots where value > top[slot] { swap(&value, &top[slot]) }
        }
        var sum = 0.0
        for slot in 0..<slots { sum += top[slot] }
        return sum
    }

    // MARK: least cost

    /// Replicas (in search order) of the cheapest feasible mix carrying at least `required`, or nil.
    mutating func leastCost(covering required: Double) -> [Int]? {
        best = nil
        bestCost = .infinity
        tolerance = max(1e-9, required * 1e-12)
        descendCost(0, need: required, cost: 0, active: 0)
        return best
    }

    private mutating func descendCost(_ k: Int, need: Double, cost: Double, active: Int) {
        if need <= tolerance {
            if cost < bestCost - 1e-12 * max(1, bestCost.isFinite ? bestCost : 1) {
                bestCost = cost
                best = current
            }
            return
        }
        guard k < count, active < maxActive else { return }
        // LP relaxation of the remaining units.
        var bound = cost
        var left = need
        var used = 0
        for i in k..<count {
            let most = fit(i)
            guard most >= lowest[i] else { continue }
            used += 1
            let carried = Double(most) * capacity[i]
            if carried >= left {
                bound += left * price[i] / capacity[i]
                left = 0
                break
            }
            bound += Double(most) * price[i]
            left -= carried
        }
        guard left <= tolerance, bound < bestCost - 1e-12 * max(1, bestCost.isFinite ? bestCost : 1) else { return }
        // The relaxation ignores the active-unit cap; when it needed more units than may still be added,
        // check that the largest of them could carry the need at all.
        if used > maxActive - active, largestCapacity(from: k, slots: maxActive - active) < need - tolerance { return }
        let most = fit(k)
        if most >= lowest[k] {
            let covering = (need / capacity[k]).rounded(.up)
            let upper = min(most, max(lowest[k], covering < Double(most) ? Int(saturating: covering) : most))
            for replicas in stride(from: upper, through: lowest[k], by: -1) {
                take(k, replicas)
                descendCost(
                    k + 1, need: need - Double(replicas) * capacity[k], cost: cost + Double(replicas) * price[k],
                    active: active + 1
                )
                release(k)
            }
        }
        descendCost(k + 1, need: need, cost: cost, active: active)
    }

    // MARK: largest capacity

    /// The largest Σ r_i × capacity_i any feasible mix reaches.
    mutating func largestCapacity() -> Double {
        bestCapacity = 0
        descendCapacity(0, carried: 0, active: 0)
        return bestCapacity
    }

    private mutating func descendCapacity(_ k: Int, carried: Double, active: Int) {
        if carried > bestCapacity + 1e-9 { bestCapacity = carried }
        guard k < count, active < maxActive else { return }
        guard carried + largestCapacity(from: k, slots: maxActive - active) > bestCapacity + 1e-9 else { return }
        let most = fit(k)
        if most >= lowest[k] {
            for replicas in stride(from: most, through: lowest[k], by: -1) {
                take(k, replicas)
                descendCapacity(k + 1, carried: carried + Double(replicas) * capacity[k], active: active + 1)
                release(k)
            }
        }
        descendCapacity(k + 1, carried: carried, active: active)
    }
}

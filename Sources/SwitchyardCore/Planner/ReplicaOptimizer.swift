/// Solves a `ReplicaProblem` exactly by depth-first branch and bound.
///
/// Minimum cost: units are ordered by hourly price per rps; each node fixes one unit's replicas (the count
/// that covers the remaining need first, down to its minimum, then 0), and is pruned when the LP relaxation
/// of the rest (fractional replicas, each unit alone against its pool's remaining room, greedy by price per
/// rps, which solves that LP exactly) cannot beat the best mix found. The relaxation drops the coupling
/// constraints, so it never overestimates: the search stays exact.
///
/// Shared limits are rooms like a pool's, taken by every unit that claims them; a group of units takes one
/// place among the active units, so the relaxation's check of that cap sums each group's units.
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
        guard unit.sharedClaims.allSatisfy({
            problem.sharedLimits.indices.contains($0.limit) && $0.amount.isFinite && $0.amount >= 0
        }) else { return false }
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
    /// Unit `i` takes `claimAmount[j]` of `room[claimRoom[j]]` per replica for `j` in `claimStart[i]..<claimStart[i + 1]`.
    private let claimStart: [Int]
    private let claimRoom: [Int]
    private let claimAmount: [Double]
    /// Per pool four resources left (cpu, memory, accelerators, nodes), then each shared limit; infinity when
    /// unlimited.
    private var room: [Double]
    /// Dense group of each unit, and how many units of each group have replicas.
    private let group: [Int]
    private var groupUse: [Int]
    private let maxActive: Int
    private var current: [Int]
    private var best: [Int]?
    private var bestCost = Double.infinity
    private var bestCapacity = 0.0
    private var tolerance = 1e-9
    /// Scratch space for `largestCapacity(from:slots:)`.
    private var top: [Double]
    private var groupValue: [Double]

    init(problem: ReplicaProblem, order: [Int]) {
        let units = order.map { problem.units[$0] }
        count = units.count
        capacity = units.map(\.capacityRPS)
        price = units.map(\.hourlyUSD)
        lowest = units.map(\.lowestActiveReplicas)
        highest = units.map(\.maxReplicas)
        let sharedBase = problem.pools.count * 4
        var start: [Int] = [0], rooms: [Int] = [], amounts: [Double] = []
        for unit in units {
            if let pool = unit.pool {
                let usage = [unit.usage.cpu, unit.usage.memoryGiB, unit.usage.accelerators, unit.usage.nodes]
                for (d, amount) in usage.enumerated() where amount > 0 {
                    rooms.append(pool * 4 + d)
                    amounts.append(amount)
                }
            }
            for claim in unit.sharedClaims where claim.amount > 0 {
                rooms.append(sharedBase + claim.limit)
                amounts.append(claim.amount)
            }
            start.append(rooms.count)
        }
        claimStart = start
        claimRoom = rooms
        claimAmount = amounts
        room = problem.pools.flatMap { limits in
            [limits.cpu.map(Double.init), limits.memoryGiB, limits.accelerators.map(Double.init), limits.nodes.map(Double.init)]
                .map { $0 ?? .infinity }
        } + problem.sharedLimits.map { $0.isNaN ? 0 : max(0, $0) }
        var dense: [Int: Int] = [:]
        group = zip(order, units).map { index, unit in
            let key = unit.group ?? -1 - index
            if let known = dense[key] { return known }
            dense[key] = dense.count
            return dense.count - 1
        }
        groupUse = Array(repeating: 0, count: dense.count)
        groupValue = Array(repeating: 0, count: dense.count)
        maxActive = problem.maxActiveUnits
        current = Array(repeating: 0, count: units.count)
        top = Array(repeating: 0, count: max(0, problem.maxActiveUnits))
    }

    /// The most replicas unit `i` could add given what its pool and shared limits have left.
    private func fit(_ i: Int) -> Int {
        var most = Double(highest[i])
        for j in claimStart[i]..<claimStart[i + 1] {
            most = min(most, (room[claimRoom[j]] / claimAmount[j] + 1e-9).rounded(.down))
        }
        return Int(saturating: max(most, 0))
    }

    private mutating func take(_ i: Int, _ replicas: Int) {
        current[i] = replicas
        if replicas > 0 { groupUse[group[i]] += 1 }
        for j in claimStart[i]..<claimStart[i + 1] { room[claimRoom[j]] -= Double(replicas) * claimAmount[j] }
    }

    private mutating func release(_ i: Int) {
        for j in claimStart[i]..<claimStart[i + 1] { room[claimRoom[j]] += Double(current[i]) * claimAmount[j] }
        if current[i] > 0 { groupUse[group[i]] -= 1 }
        current[i] = 0
    }

    /// Whether unit `k` may get replicas with `active` groups in use: its group is in use, or one more fits.
    private func mayTake(_ k: Int, active: Int) -> Bool {
        groupUse[group[k]] > 0 || active < maxActive
    }

    /// Groups in use once unit `k` runs.
    private func activeTaking(_ k: Int, active: Int) -> Int {
        groupUse[group[k]] > 0 ? active : active + 1
    }

    /// An upper bound on what units `k...` can add: those of groups in use, plus the `slots` largest other groups,
    /// each unit alone against its rooms.
    private mutating func largestCapacity(from k: Int, slots: Int) -> Double {
        for g in groupValue.indices { groupValue[g] = 0 }
        var free = 0.0
        for i in k..<count {
            let most = fit(i)
            guard most >= lowest[i] else { continue }
            let value = Double(most) * capacity[i]
            if groupUse[group[i]] > 0 { free += value } else { groupValue[group[i]] += value }
        }
        guard slots > 0 else { return free }
        // A small insertion into a reused buffer: slots are few, and the search calls this at many nodes.
        for slot in 0..<slots { top[slot] = 0 }
        for var value in groupValue where value > 0 {
            for slot in 0..<slots where value > top[slot] { swap(&value, &top[slot]) }
        }
        var sum = free
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
        guard k < count else { return }
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
        // The relaxation ignores the active-group cap; when it needed more units than groups may still be added,
        // check that the largest of them could carry the need at all.
        if used > maxActive - active, largestCapacity(from: k, slots: maxActive - active) < need - tolerance { return }
        let most = fit(k)
        if most >= lowest[k], mayTake(k, active: active) {
            let next = activeTaking(k, active: active)
            let covering = (need / capacity[k]).rounded(.up)
            let upper = min(most, max(lowest[k], covering < Double(most) ? Int(saturating: covering) : most))
            for replicas in stride(from: upper, through: lowest[k], by: -1) {
                take(k, replicas)
                descendCost(
                    k + 1, need: need - Double(replicas) * capacity[k], cost: cost + Double(replicas) * price[k],
                    active: next
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
        guard k < count else { return }
        guard carried + largestCapacity(from: k, slots: maxActive - active) > bestCapacity + 1e-9 else { return }
        let most = fit(k)
        if most >= lowest[k], mayTake(k, active: active) {
            let next = activeTaking(k, active: active)
            for replicas in stride(from: most, through: lowest[k], by: -1) {
                take(k, replicas)
                descendCapacity(k + 1, carried: carried + Double(replicas) * capacity[k], active: next)
                release(k)
            }
        }
        descendCapacity(k + 1, carried: carried, active: active)
    }
}

import SwitchyardCore
import Testing

@Suite("Replica optimiser with shared limits and groups")
struct SharedLimitOptimizerTests {
    /// Every replica vector within the units' bounds, checked by `ReplicaProblem.isFeasible`.
    static func bruteForce(_ problem: ReplicaProblem) -> (cost: Double, meets: Bool)? {
        var best: (cost: Double, meets: Bool)?
        var replicas = Array(repeating: 0, count: problem.units.count)
        func visit(_ k: Int) {
            if k == problem.units.count {
                guard problem.isFeasible(replicas), problem.capacityRPS(replicas) >= problem.requiredRPS - 1e-9 else { return }
                let cost = problem.hourlyUSD(replicas)
                if best == nil || cost < best!.cost - 1e-9 { best = (cost, true) }
                return
            }
            for r in 0...problem.units[k].maxReplicas {
                replicas[k] = r
                visit(k + 1)
            }
            replicas[k] = 0
        }
        visit(0)
        return best
    }

    @Test("the least cost matches exhaustive search with groups, a group's replica total and a spot ceiling")
    func matchesBruteForce() {
        var random = SeededGenerator(seed: 1616)
        var compared = 0
        for _ in 0..<150 {
            var units: [ReplicaProblem.Unit] = []
            var limits: [Double] = [Double(Int.random(in: 0...400, using: &random))]  // the spot ceiling, rps
            for group in 0..<Int.random(in: 1...3, using: &random) {
                let capacity = Double([40, 60, 100].randomElement(using: &random)!)
                let total = limits.count
                limits.append(Double(Int.random(in: 1...4, using: &random)))
                for (price, spot) in [(1.0, false), ([0.3, 0.6].randomElement(using: &random)!, true)] {
                    var claims = [ReplicaProblem.SharedClaim(limit: total, amount: 1)]
                    if spot { claims.append(ReplicaProblem.SharedClaim(limit: 0, amount: capacity)) }
                    units.append(ReplicaProblem.Unit(
                        capacityRPS: capacity, hourlyUSD: price * capacity / 100, minReplicas: 0, maxReplicas: 3, pool: nil,
                        usage: ReplicaProblem.ResourceUsage(cpu: 1, memoryGiB: 1, accelerators: 1), sharedClaims: claims,
                        group: group))
                }
            }
            let problem = ReplicaProblem(
                units: units, pools: [], requiredRPS: Double(Int.random(in: 1...500, using: &random)),
                maxActiveUnits: Int.random(in: 1...3, using: &random), sharedLimits: limits)
            let solution = ReplicaOptimizer().solve(problem)
            let expected = Self.bruteForce(problem)
            #expect(solution.meetsRequirement == (expected != nil))
            if let expected, solution.meetsRequirement {
                #expect(abs(solution.hourlyUSD - expected.cost) < 1e-9)
                #expect(problem.isFeasible(solution.replicas))
                compared += 1
            }
        }
        #expect(compared > 40)
    }

    @Test("units of one group take one place among the active units")
    func groupsCountOnce() {
        let usage = ReplicaProblem.ResourceUsage(cpu: 1, memoryGiB: 1, accelerators: 1)
        let problem = ReplicaProblem(
            units: [
                ReplicaProblem.Unit(capacityRPS: 100, hourlyUSD: 0.4, minReplicas: 0, maxReplicas: 1, pool: nil, usage: usage, group: 0),
                ReplicaProblem.Unit(capacityRPS: 100, hourlyUSD: 1, minReplicas: 0, maxReplicas: 5, pool: nil, usage: usage, group: 0),
            ],
            pools: [], requiredRPS: 300, maxActiveUnits: 1)
        let solution = ReplicaOptimizer().solve(problem)
        #expect(solution.replicas == [1, 2])
        #expect(solution.meetsRequirement)
    }
}

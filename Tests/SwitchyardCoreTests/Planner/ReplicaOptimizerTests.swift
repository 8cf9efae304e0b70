import Testing
import SwitchyardCore

@Suite("Replica optimiser")
struct ReplicaOptimizerTests {
    func unit(_ capacity: Double, _ price: Double, min: Int = 1, max: Int = 10, pool: Int? = 0, accelerators: Double = 1) -> ReplicaProblem.Unit {
        ReplicaProblem.Unit(
            capacityRPS: capacity, hourlyUSD: price, minReplicas: min, maxReplicas: max, pool: pool,
            usage: ReplicaProblem.ResourceUsage(cpu: 4, memoryGiB: 16, accelerators: accelerators)
        )
    }

    @Test("Greedy by price per rps is not optimal; the optimiser is")
    func beatsGreedy() {
        // Need 100: greedy fills the cheapest per rps (a: 60 rps, $0.50) twice = $1.00 for 120 rps,
        // but one b (100 rps, $0.90) is cheaper.
        let problem = ReplicaProblem(units: [unit(60, 0.5), unit(100, 0.9)], pools: [PoolLimits()], requiredRPS: 100)
        let solution = ReplicaOptimizer().solve(problem)
        #expect(solution.replicas == [0, 1])
        #expect(solution.hourlyUSD == 0.9)
        #expect(solution.meetsRequirement)
    }

    @Test("Pool limits and minimum replicas bind")
    func limits() {
        let problem = ReplicaProblem(
            units: [unit(100, 1.0, pool: 0), unit(100, 1.5, min: 3, pool: 1)],
            pools: [PoolLimits(accelerators: 2), PoolLimits(nodes: 8)], requiredRPS: 350
        )
        let solution = ReplicaOptimizer().solve(problem)
        // a is capped at 2 by its pool, b runs 3 or none: 1 a + 3 b ($5.50) beats 2 a + 3 b and 4 b.
        #expect(solution.replicas == [1, 3])
        #expect(BruteForceReplicas.feasible(problem, solution.replicas))
        #expect(abs(solution.hourlyUSD - 5.5) < 1e-12)
    }

    @Test("Beyond every feasible capacity it carries as much as possible, then as cheaply as possible")
    func beyondCapacity() {
        let problem = ReplicaProblem(
            units: [unit(100, 1.0, max: 2), unit(100, 2.0, max: 3), unit(50, 0.1, max: 1)],
            pools: [PoolLimits(nodes: 4)], requiredRPS: 10_000
        )
        let solution = ReplicaOptimizer().solve(problem)
        #expect(!solution.meetsRequirement)
        #expect(solution.capacityRPS == 400)
        #expect(solution.replicas == [2, 2, 0])
        #expect(solution.hourlyUSD == 6)
    }

    @Test("At most five units run, even when six would be cheaper")
    func activeUnitCap() {
        let units = (0..<6).map { _ in unit(10, 1, max: 1, pool: nil) }
        let problem = ReplicaProblem(units: units, pools: [], requiredRPS: 60)
        let solution = ReplicaOptimizer().solve(problem)
        #expect(!solution.meetsRequirement)
        #expect(solution.replicas.filter { $0 > 0 }.count == 5)
        #expect(solution.capacityRPS == 50)
    }

    @Test("Matches brute force on random small problems")
    func bruteForce() {
        var random = SeededGenerator(seed: 0xB0F)
        for round in 0..<300 {
            let poolCount = Int.random(in: 1...2, using: &random)
            let units = (0..<Int.random(in: 1...4, using: &random)).map { _ in
                ReplicaProblem.Unit(
                    capacityRPS: Double(Int.random(in: 5...120, using: &random)),
                    hourlyUSD: Double(Int.random(in: 10...300, using: &random)) / 100,
                    minReplicas: Int.random(in: 0...2, using: &random), maxReplicas: Int.random(in: 0...4, using: &random),
                    pool: Int.random(in: 0..<poolCount, using: &random),
                    usage: ReplicaProblem.ResourceUsage(
                        cpu: Double([4, 8].randomElement(using: &random)!), memoryGiB: 16,
                        accelerators: Double(Int.random(in: 1...2, using: &random))
                    )
                )
            }
            let pools = (0..<poolCount).map { _ in
                PoolLimits(cpu: Bool.random(using: &random) ? Int.random(in: 8...40, using: &random) : nil,
                           accelerators: Bool.random(using: &random) ? Int.random(in: 1...6, using: &random) : nil,
                           nodes: Bool.random(using: &random) ? Int.random(in: 1...6, using: &random) : nil)
            }
            let problem = ReplicaProblem(
                units: units, pools: pools, requiredRPS: Double(Int.random(in: 0...500, using: &random)),
                maxActiveUnits: Int.random(in: 1...5, using: &random)
            )
            let expected = BruteForceReplicas.solve(problem)
            let solution = ReplicaOptimizer().solve(problem)
            #expect(BruteForceReplicas.feasible(problem, solution.replicas), "round \(round)")
            #expect(solution.meetsRequirement == expected.meets, "round \(round)")
            #expect(abs(solution.hourlyUSD - expected.cost) < 1e-9, "round \(round)")
            if !expected.meets { #expect(abs(solution.capacityRPS - expected.capacity) < 1e-9, "round \(round)") }
        }
    }
}

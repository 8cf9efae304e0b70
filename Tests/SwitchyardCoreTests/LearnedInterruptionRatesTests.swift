import SwitchyardCore
import Testing

@Suite("Learned spot interruption rates")
struct LearnedInterruptionRatesTests {
    static var pool: CapacityPool {
        var pool = CapacityPool(name: "amd-neuron", capacityTypes: [.onDemand, .spot])
        pool.spotInterruptionRates = [CapacityPool.anyFamily: 0.05]
        return pool
    }

    @Test("the configured rate is the prior: nothing observed keeps it, evidence moves it toward what was seen")
    func posterior() throws {
        let pool = Self.pool
        #expect(LearnedInterruptionRates().rate(pool: pool, family: "inf2") == nil)
        // 24 node-hours of prior at 5 %/h is 1.2 expected reclaims; 3 seen in 96 node-hours: (1.2 + 3) / 120.
        let learned = LearnedInterruptionRates([SpotObservation(pool: "amd-neuron", family: "inf2", nodeHours: 96, interruptions: 3)])
        let rate = try #require(learned.rate(pool: pool, family: "inf2"))
        #expect(abs(rate - 0.035) < 1e-12)
        // Far more evidence: the rate is what the pool's spot nodes did.
        let long = LearnedInterruptionRates([SpotObservation(pool: "amd-neuron", family: "inf2", nodeHours: 100_000, interruptions: 20_000)])
        #expect(abs((long.rate(pool: pool, family: "inf2") ?? 0) - 0.2) < 1e-3)
        // Other families and pools keep their configured rates.
        let applied = learned.applied(to: pool)
        #expect(applied.spotInterruptionRate(family: "inf2").map { abs($0 - 0.035) < 1e-12 } == true)
        #expect(applied.spotInterruptionRate(family: "trn1") == 0.05)
    }

    @Test("a plan prices spot at the learned rate: reclaims seen often enough make it dearer than on-demand")
    func planUsesLearnedRate() {
        let input = CapacityKindsPlannerTests.input(
            kinds: [.onDemand, .spot], unitKinds: [.onDemand, .spot], spot: 0.9, rate: 0.1)
        #expect(CapacityKindsPlannerTests.replicas(RoutingPlanner().plan(input), .spot) == 5)
        // The fixture's instance type is `t.x`: family `t`. 0.9 × (1 + 1.0 / 6) > 1.
        var learned = input
        learned.pools = LearnedInterruptionRates([SpotObservation(pool: "p", family: "t", nodeHours: 1_000, interruptions: 1_030)])
            .applied(to: input.pools)
        #expect(CapacityKindsPlannerTests.replicas(RoutingPlanner().plan(learned), .spot) == 0)
    }
}

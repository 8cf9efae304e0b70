import Testing
import SwitchyardCore

@Suite("Demo fleet")
struct DemoFleetTests {
    @Test("Breaking points are seed 004's Table 1 throughputs, each bound as documented", arguments: [
        ("sd21-inf2", 105.0, RatingConstraint.latency),
        ("sd21-trn1", 130.0, RatingConstraint.plateau),
        ("sd21-g5-triton", 90.0, RatingConstraint.utilization),
        ("sd21-g6-triton", 61.0, RatingConstraint.latency),
        ("sd21-g5-cuda", 60.0, RatingConstraint.latency),
    ])
    func breakingPoints(unit: String, expected: Double, constraint: RatingConstraint) throws {
        let ratings = RoutingPlanner().ratings(PlanningInput(fleet: DemoFleet.fleet, model: DemoFleet.model, strategy: .cost))
        let rating = try #require(ratings[unit])
        #expect(rating.breakingPointRPS == expected)
        #expect(rating.source == .benchmark)
        #expect(rating.boundBy == constraint)
        #expect(rating.benchmarkRunID == nil)
        let run = try #require(DemoFleet.benchmarks.first { $0.unit == unit })
        let index = try #require(rating.sampleIndex)
        #expect(run.samples[index].throughputRPS == expected)
        #expect(run.samples[index].p95Ms <= 900)
    }

    @Test("Every unit references a registered model, instance type and pool, and services match seed 004")
    func referencesResolve() {
        let fleet = DemoFleet.fleet
        let types = Set(fleet.instanceTypes.map(\.name))
        let pools = Set(fleet.pools.map(\.name))
        for unit in fleet.units {
            #expect(unit.model == "sd21")
            #expect(types.contains(unit.instanceType))
            #expect(pools.contains(unit.pool))
            #expect(unit.kubernetes.namespace == "sd21")
            #expect(unit.kubernetes.port == 8000)
            #expect(unit.minReplicas == 1 && unit.maxReplicas == 10)
        }
        #expect(Set(fleet.units.map(\.kubernetes.service))
            == ["sd21-g5-cuda", "sd21-g5-triton", "sd21-g6-triton", "sd21-inf2", "sd21-trn1"])
        #expect(Set(fleet.benchmarks.map(\.unit)) == Set(fleet.units.map(\.name)))
        #expect(fleet.models.first?.routing.stickinessSeconds == 200)
        #expect(fleet.models.first?.expectedDemandRPS == 300)
    }

    @Test("Prices are seed 004's on-demand prices in us-west-2")
    func prices() {
        let expected = ["inf2.xlarge": 0.7582, "trn1.2xlarge": 1.3438, "g5.xlarge": 1.0060, "g6.xlarge": 0.8048]
        for type in DemoFleet.instanceTypes {
            #expect(type.hourlyPrice(region: "us-west-2", capacityType: .onDemand) == expected[type.name])
            #expect(type.hourlyPrice(region: "us-west-2", capacityType: .spot) == nil)
        }
    }
}

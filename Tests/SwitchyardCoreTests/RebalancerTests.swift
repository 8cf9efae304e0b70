import Foundation
import Testing
@testable import SwitchyardCore

@Suite("Adaptive rebalancer")
struct RebalancerTests {
    let rebalancer = Rebalancer()

    /// The demo fleet with trn1's price set so that one trn1 replica costs `premium` more than one inf2.
    func input(trn1Premium premium: Double? = nil, shortPools: Set<String> = [], running: [String: Int] = [:]) -> PlanningInput {
        var fleet = DemoFleet.fleet
        if let premium, let index = fleet.instanceTypes.firstIndex(where: { $0.name == "trn1.2xlarge" }) {
            fleet.instanceTypes[index].prices = [InstancePrice(region: DemoFleet.region, capacityType: .onDemand, hourlyUSD: 0.7582 / (1 - premium))]
        }
        return PlanningInput(fleet: fleet, model: DemoFleet.model, strategy: .optimal, shortPools: shortPools, runningReplicas: running)
    }

    let trn1Alone = UnitMix(replicas: ["sd21-trn1": 1], weights: ["sd21-trn1": 100], capacityRPS: 130, hourlyUSD: 0)

    @Test("no mix in force: the cheapest mix")
    func first() {
        let decision = rebalancer.decide(input(), inForce: nil, requiredRPS: 100)
        #expect(decision.kind == .capacity)
        #expect(decision.mix.replicas == ["sd21-inf2": 1])
        #expect(decision.mix.weights == ["sd21-inf2": 100])
    }

    @Test("a 2 % saving keeps the mix in force, a 20 % one moves it")
    func hysteresis() {
        let small = rebalancer.decide(input(trn1Premium: 0.02), inForce: trn1Alone, requiredRPS: 100)
        #expect(small.kind == .keep)
        #expect(small.mix.weights == ["sd21-trn1": 100])
        #expect(small.cheapest.replicas == ["sd21-inf2": 1])
        let large = rebalancer.decide(input(trn1Premium: 0.20), inForce: trn1Alone, requiredRPS: 100)
        #expect(large.kind == .saves)
        #expect(large.mix.replicas == ["sd21-inf2": 1])
        #expect(large.movesWeights)
    }

    @Test("the mix in force follows demand at the same weights")
    func resize() {
        let inf2 = UnitMix(replicas: ["sd21-inf2": 1], weights: ["sd21-inf2": 100], capacityRPS: 105, hourlyUSD: 0.7582)
        let decision = rebalancer.decide(input(), inForce: inf2, requiredRPS: 500)
        #expect(decision.kind == .keep)
        #expect(decision.mix.replicas == ["sd21-inf2": 5])
        #expect(!decision.movesWeights)
    }

    @Test("a mix in force on spot keeps the model's spare spot node as it follows demand")
    func resizeKeepsSpare() throws {
        var fleet = ReferenceScenario.spot.fleet
        let model = try #require(fleet.models.first)
        #expect(model.spot.spareNodes == 1)
        fleet.models = [model]
        let input = PlanningInput(fleet: fleet, model: model, strategy: .optimal)
        let spot = UnitMix(
            replicas: ["sd21-inf2-spot": 2], weights: ["sd21-inf2-spot": 100], capacityRPS: 210, hourlyUSD: 0.5307)
        let decision = rebalancer.decide(input, inForce: spot, requiredRPS: 300)
        #expect(decision.kind == .keep)
        // 300 rps needs 3 replicas of 105 rps; the spare makes 4, so 300 rps is carried with one reclaimed.
        #expect(decision.mix.replicas == ["sd21-inf2-spot": 4])
        #expect(decision.mix.capacityRPS - 105 >= 300)
        #expect(decision.cheapest.capacityRPS - 105 >= 300)
    }

    @Test("beyond the mix's bounds capacity requires a new mix")
    func capacity() {
        let inf2 = UnitMix(replicas: ["sd21-inf2": 10], weights: ["sd21-inf2": 100], capacityRPS: 1050, hourlyUSD: 7.582)
        let decision = rebalancer.decide(input(), inForce: inf2, requiredRPS: 1200)
        #expect(decision.kind == .capacity)
        #expect(decision.mix.capacityRPS >= 1200)
        #expect(decision.mix.units.count > 1)
    }

    @Test("a short pool keeps its ready replicas and the rest comes from pools that can grow")
    func shortage() {
        let inf2 = UnitMix(replicas: ["sd21-inf2": 3], weights: ["sd21-inf2": 100], capacityRPS: 315, hourlyUSD: 2.2746)
        let short = input(shortPools: ["amd-neuron"], running: ["sd21-inf2": 3])
        let decision = rebalancer.decide(short, inForce: inf2, requiredRPS: 500)
        #expect(decision.kind == .capacity)
        #expect(decision.mix.replicas["sd21-inf2"] == 3)
        #expect(decision.mix.replicas["sd21-trn1"] == nil)
        #expect(decision.mix.capacityRPS >= 500)
    }

    @Test("under overload, capacity comes from the units that serve soonest")
    func overload() {
        let mix = UnitMix(replicas: ["sd21-inf2": 2], weights: ["sd21-inf2": 100], capacityRPS: 210, hourlyUSD: 1.5164)
        let plain = input()
        #expect(rebalancer.isOverloaded(levelRPS: 400, inForce: mix, ready: ["sd21-inf2": 2], input: plain))
        #expect(!rebalancer.isOverloaded(levelRPS: 150, inForce: mix, ready: ["sd21-inf2": 2], input: plain))
        let timing = ["sd21-inf2": 720.0, "sd21-trn1": 720, "sd21-g5-triton": 420, "sd21-g6-triton": 420, "sd21-g5-cuda": 480]
        let decision = rebalancer.decideUnderOverload(plain, requiredRPS: 450, ready: ["sd21-inf2": 2], secondsUntilServing: timing)
        #expect(decision.kind == .capacity)
        #expect(decision.mix.replicas["sd21-inf2"] ?? 0 <= 2)
        #expect(decision.mix.replicas["sd21-trn1"] == nil)
        #expect(decision.mix.capacityRPS >= 450)
    }
}

import Foundation
import Testing
@testable import SwitchyardCore

@Suite("Replay simulator")
struct ReplaySimulatorTests {
    let simulator = ReplaySimulator()

    @Test("served + dropped = demand at every step, for every strategy", arguments: ReplayStrategy.allCases)
    func conservation(strategy: ReplayStrategy) throws {
        let steps = try simulator.steps(ReplayFixtures.shortageDuringRamp, strategy: strategy)
        #expect(steps.count == 8 * 360)
        for step in steps {
            #expect(abs(step.servedTotalRPS + step.droppedRPS - step.demandRPS) <= 1e-9 * max(1, step.demandRPS))
            #expect(step.droppedRPS >= -1e-9)
            for (served, routed) in zip(step.servedRPS, step.routedRPS) {
                #expect(served >= 0 && served <= routed + 1e-9)
            }
        }
    }

    @Test("with ample capacity and no shortage nothing is dropped")
    func ampleCapacity() throws {
        let scenario = ReplayFixtures.scenario("steady", demand: [.constant(rps: 300)], hours: 6)
        let report = try simulator.run(scenario)
        #expect(report.results.count == ReplayStrategy.allCases.count)
        for result in report.results {
            #expect(result.droppedRequests == 0, "\(result.strategy) dropped \(result.droppedRequests)")
            #expect(result.servedWithinSLOShare == 1)
            #expect(result.switchCount == 0)
            #expect(result.totalCostUSD > 0)
        }
    }

    @Test("a shortage makes static cost drop load that Switchyard's failover serves")
    func failoverServesWhatStaticCostDrops() throws {
        let report = try simulator.run(ReplayFixtures.shortageDuringRamp)
        let staticCost = try #require(report.result(.staticCost))
        let failover = try #require(report.result(.switchyardFailover))
        #expect(staticCost.droppedRequests > 1_000_000)
        // What failover drops is the switch back at full demand while the neuron units scale up
        // again, a small fraction of what static cost loses.
        #expect(failover.droppedRequests < staticCost.droppedRequests / 10)
        #expect(failover.servedRequests > staticCost.servedRequests)
        // Switched 10 s after the window opened (the detection delay), and back after it closed
        // plus the 600 s hold time.
        let expectedSwitchTimes: [Double] = [3610, 22_210]
        #expect(failover.switches.map(\.t) == expectedSwitchTimes)
        let expectedReaction: [Double?] = [10]
        let noReaction: [Double?] = [nil]
        #expect(failover.shortageToSwitchSeconds == expectedReaction)
        #expect(staticCost.shortageToSwitchSeconds == noReaction)
    }

    @Test("the sample controller reacts at its next log scan, and only reverts when told")
    func sampleController() throws {
        var scenario = ReplayFixtures.shortageDuringRamp
        let unreverted = try simulator.run(scenario, strategies: [.sampleController])
        let first = try #require(unreverted.results.first)
        #expect(first.switchCount == 1)
        let reaction = try #require(first.shortageToSwitchSeconds.first ?? nil)
        #expect(reaction > 0 && reaction.truncatingRemainder(dividingBy: 300) == 0)

        scenario.sampleControllerRevertTimes = [7 * 3600]
        let told = try simulator.run(scenario, strategies: [.sampleController])
        let switches = try #require(told.results.first?.switches)
        #expect(switches.map(\.to) == ["capacity", "cost"])
        #expect(switches.map(\.t).last == 25_200, "\(switches)")
    }

    @Test("a partial limit lets a short pool grow only up to the limit")
    func partialLimit() throws {
        var scenario = ReplayFixtures.shortageDuringRamp
        scenario.capacityWindows = [CapacityWindow(pool: "amd-neuron", from: 3600, to: 6 * 3600, nodeLimit: 4)]
        let steps = try simulator.steps(scenario, strategy: .staticCost)
        let units = try simulator.run(scenario, strategies: [.staticCost]).units
        let neuron = units.indices.filter { units[$0].pool == "amd-neuron" }
        let inWindow = steps.filter { $0.t >= 3600 && $0.t < 6 * 3600 }
        let peak = inWindow.map { step in neuron.reduce(0) { $0 + step.nodes[$1] } }.max() ?? 0
        #expect(peak == 4)
        let after = steps.filter { $0.t >= 7 * 3600 }.map { step in neuron.reduce(0) { $0 + step.nodes[$1] } }.max() ?? 0
        #expect(after > 4)
    }

    @Test("the oracle never costs more than any other strategy", arguments: [0, 1, 2])
    func oracleIsTheLowerBound(variant: Int) throws {
        let scenario: ReplayScenario
        switch variant {
        case 0:
            scenario = ReplayFixtures.shortageDuringRamp
        case 1:
            scenario = ReplayFixtures.scenario(
                "noisy-spikes",
                demand: [.constant(rps: 200), .spike(at: 2 * 3600, duration: 1800, extraRPS: 700), .noise(fraction: 0.2, seed: 42)],
                windows: [CapacityWindow(pool: "amd-nvidia", from: 1.5 * 3600, to: 3 * 3600, nodeLimit: 6)], hours: 6
            )
        default:
            scenario = ReplayFixtures.reference
        }
        let report = variant == 2 ? ReplayFixtures.referenceReport : try simulator.run(scenario)
        let oracle = try #require(report.result(.oracle))
        #expect(oracle.droppedRequests == 0)
        for result in report.results where result.strategy != .oracle {
            #expect(oracle.totalCostUSD <= result.totalCostUSD, "\(result.strategy) costs less than the oracle")
            #expect((result.costRatioToOracle ?? 0) >= 1)
        }
    }

    @Test("the same inputs give the same JSON report, byte for byte")
    func deterministicJSON() throws {
        let scenario = ReplayFixtures.scenario(
            "noisy", demand: [.diurnal(baseRPS: 50, peakRPS: 600, riseAt: 3600, fallAt: 5 * 3600, period: 6 * 3600),
                              .noise(fraction: 0.15, seed: 99)],
            windows: [CapacityWindow(pool: "amd-neuron", from: 2 * 3600, to: 4 * 3600)], hours: 6
        )
        let first = ReplayJSONRenderer().render(try simulator.run(scenario))
        let second = ReplayJSONRenderer().render(try simulator.run(scenario))
        #expect(Data(first.utf8) == Data(second.utf8))
        let decoded = try JSONDecoder().decode(ReplayReport.self, from: Data(first.utf8))
        #expect(ReplayJSONRenderer().render(decoded) == first)
        #expect(first.contains("\"switchCount\""))
    }

    @Test("a scenario naming a model the fleet lacks is rejected")
    func unknownModel() {
        var scenario = ReplayFixtures.shortageDuringRamp
        scenario.model = "llama"
        #expect(throws: ReplayError.unknownModel("llama")) { try simulator.run(scenario) }
        scenario.model = "sd21"
        scenario.stepSeconds = 0
        #expect(throws: ReplayError.self) { try simulator.run(scenario) }
    }
}

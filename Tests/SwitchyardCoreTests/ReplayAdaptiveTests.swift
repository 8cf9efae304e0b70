import Foundation
import Testing
@testable import SwitchyardCore

/// `switchyard adaptive` and the clairvoyant bound over short scenarios and the reference.
@Suite("Replay: adaptive strategy and clairvoyant bound")
struct ReplayAdaptiveTests {
    static let strategies: [ReplayStrategy] = [.switchyardFailover, .switchyardAdaptive, .oracle, .clairvoyant]
    let ramp = ReplayFixtures.shortageDuringRamp

    @Test("the same scenario gives the same report")
    func determinism() throws {
        let first = try ReplaySimulator().run(ramp, strategies: Self.strategies)
        let second = try ReplaySimulator().run(ramp, strategies: Self.strategies)
        #expect(first == second)
    }

    @Test("every request is served or dropped, and weights go only where replicas serve")
    func conservation() throws {
        for strategy in [ReplayStrategy.switchyardAdaptive, .clairvoyant] {
            let steps = try ReplaySimulator().steps(ramp, strategy: strategy)
            for step in steps {
                #expect(abs(step.servedTotalRPS + step.droppedRPS - step.demandRPS) < 1e-6, "\(strategy) at \(step.t)")
            }
        }
    }

    @Test("the oracle is below every strategy that serves all demand, the clairvoyant bound never below the oracle")
    func bounds() throws {
        for report in [try ReplaySimulator().run(ramp, strategies: Self.strategies), ReplayFixtures.referenceReport] {
            let oracle = try #require(report.result(.oracle))
            let clairvoyant = try #require(report.result(.clairvoyant))
            #expect(clairvoyant.totalCostUSD >= oracle.totalCostUSD)
            for result in report.results where result.droppedRequests == 0 {
                #expect(result.totalCostUSD >= oracle.totalCostUSD, "\(result.strategy) in \(report.scenario)")
            }
        }
    }

    @Test("the reference replay meets the adaptive goals")
    func referenceGoals() throws {
        let report = ReplayFixtures.referenceReport
        let adaptive = try #require(report.result(.switchyardAdaptive))
        let ratioToBound = try #require(adaptive.costRatioToClairvoyant)
        let ratioToOracle = try #require(adaptive.costRatioToOracle)
        #expect(ratioToBound <= 1.05)
        #expect(ratioToOracle <= 1.3)
        #expect(adaptive.servedWithinSLOShare >= 0.999)
        #expect(Double(adaptive.weightChanges) <= 48 * report.durationSeconds / 86_400)
    }

    @Test("at night the adaptive strategy runs one inf2 replica")
    func night() throws {
        let steps = try ReplaySimulator().steps(ReplayFixtures.reference, strategy: .switchyardAdaptive)
        let night = steps[Int(27 * ReplayFixtures.hour / 10)]
        #expect(night.nodes == [1, 0, 0, 0, 0])
        #expect(night.weights == [100, 0, 0, 0, 0])
    }

    @Test("the clairvoyant bound launches each replica its time to serve ahead")
    func lookAhead() throws {
        let steps = try ReplaySimulator().steps(ramp, strategy: .clairvoyant)
        // inf2 (unit 0) takes node launch + model load to serve: its nodes now cover what it serves then.
        let lead = Int((ramp.provisioning.timing(of: "sd21-inf2").secondsUntilServing / ramp.stepSeconds).rounded(.up))
        #expect(lead == 54)
        var launchedAhead = 0
        for (index, step) in steps.enumerated() {
            for unit in step.nodes.indices {
                #expect(step.nodes[unit] >= step.readyReplicas[unit])
            }
            let ahead = index + lead
            if ahead < steps.count {
                #expect(step.nodes[0] >= steps[ahead].readyReplicas[0])
                if step.nodes[0] > step.readyReplicas[0] { launchedAhead += 1 }
            }
        }
        #expect(launchedAhead > 0)
    }

    @Test("a warm standby is paid for all along and carries a sudden spike sooner")
    func standby() throws {
        let spike = try #require(ReferenceScenario.stress.first { $0.name == "spike-3x" })
        let cold = try #require(try ReplaySimulator().run(spike, strategies: [.switchyardAdaptive]).result(.switchyardAdaptive))
        let warmScenario = try ReplayKnobs(standby: "2").applied(to: spike)
        let warm = try #require(try ReplaySimulator().run(warmScenario, strategies: [.switchyardAdaptive]).result(.switchyardAdaptive))
        #expect(warm.droppedRequests < cold.droppedRequests)
        #expect(warm.totalCostUSD > cold.totalCostUSD)
        #expect(throws: ReplayError.self) { try ReplayKnobs(standby: "lots").applied(to: spike) }
        #expect(throws: ReplayError.self) { try ReplayKnobs(standby: "1001").applied(to: spike) }
    }
}

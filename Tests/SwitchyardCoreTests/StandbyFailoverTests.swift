import Foundation
import Testing
@testable import SwitchyardCore

@Suite("Warm standby in the adaptive pass")
struct StandbyFailoverTests {
    let planner = AdaptivePassPlanner()
    let now = Date(timeIntervalSince1970: 10_000)
    let timing = ["sd21-inf2": 720.0, "sd21-trn1": 720, "sd21-g5-triton": 720, "sd21-g6-triton": 720, "sd21-g5-cuda": 720]

    func forecast(_ rps: Double) -> DemandForecast {
        DemandForecast(
            at: now, horizonSeconds: 720, sampleCount: 10, latestRPS: rps, levelRPS: rps, trendRPSPerSecond: 0,
            seasonalChangeRPS: nil, expectedRPS: rps, bandRPS: 0, provisionRPS: rps, explanation: [])
    }

    func input(short: Set<String> = [], running: [String: Int] = [:]) -> PlanningInput {
        PlanningInput(fleet: DemoFleet.fleet, model: DemoFleet.model, strategy: .optimal, shortPools: short, runningReplicas: running)
    }

    /// The first pass for 200 rps with `standby`, run to completion: the state it leaves in force.
    func settled(standby: StandbyPolicy) throws -> (AdaptiveModelState, MixTransition) {
        let (_, transition) = try #require(planner.pass(
            model: "sd21", state: AdaptiveModelState(), input: input(), forecast: forecast(200), ready: [:],
            secondsUntilServing: timing, standby: StandbyInput(policy: standby, history: .none()), at: now))
        var state = AdaptiveModelState().beginning(transition)
        let runner = TransitionRunner()
        while let current = state.transition, !current.isFinished {
            state = state.after(runner.next(current, ready: transition.targetFloors, at: now), at: now, runner: runner)
        }
        return (state, transition)
    }

    @Test("the standby's floors join the mix's, at weight 0, priced in the transition")
    func floorsJoin() throws {
        let (state, transition) = try settled(standby: .replicas(2))
        let standby = try #require(transition.standby)
        #expect(standby.floors.values.reduce(0, +) == 2)
        #expect(standby.hourlyUSD > 0)
        for (unit, count) in standby.floors {
            #expect(state.floors[unit] == count)
            #expect(state.inForce.weights[unit] == nil)
        }
        // The transition waits only for the units that will carry traffic.
        for step in transition.steps {
            if case .awaitReady(let units, _) = step { #expect(Set(units.keys).isDisjoint(with: standby.floors.keys)) }
        }
    }

    @Test("a shortage of the mix's pool moves traffic to the warm standby at once, then on to the cheapest mix")
    func warmFirst() throws {
        let (state, transition) = try settled(standby: .replicas(3))
        let standby = try #require(transition.standby)
        let mixPool = "amd-neuron"
        #expect(state.inForce.units.allSatisfy { $0.hasPrefix("sd21-inf2") || $0.hasPrefix("sd21-trn1") })
        // The neuron pool is short and its replicas are gone: only the standby is ready.
        let ready = standby.floors
        let (decision, failover) = try #require(planner.pass(
            model: "sd21", state: state, input: input(short: [mixPool], running: [:]), forecast: forecast(200), ready: ready,
            secondsUntilServing: timing, standby: StandbyInput(policy: .replicas(3), history: .none()), at: now))
        #expect(decision.kind == .capacity)
        #expect(decision.reason.contains("warm replicas first"))
        #expect(Set(decision.mix.weights.keys).isSubset(of: standby.floors.keys))
        // Every unit the weights move to is already ready: the wait is met in the same pass.
        let runner = TransitionRunner()
        var next = state.beginning(failover)
        var actions: [String] = []
        while let current = next.transition, !current.isFinished {
            let action = runner.next(current, ready: ready, at: now)
            if case .wait = action { break }
            if case .setWeights = action { actions.append("weights") } else { actions.append("floors") }
            next = next.after(action, at: now, runner: runner)
        }
        #expect(actions == ["floors", "weights", "floors"])
        #expect(next.transition?.outcome == .completed)
        #expect(next.inForce.weights == decision.mix.weights)
    }

    @Test("without a standby the same shortage waits for cold replicas")
    func cold() throws {
        let (state, _) = try settled(standby: .none)
        let (decision, failover) = try #require(planner.pass(
            model: "sd21", state: state, input: input(short: ["amd-neuron"], running: [:]), forecast: forecast(200), ready: [:],
            secondsUntilServing: timing, at: now))
        #expect(!decision.reason.contains("warm replicas first"))
        let action = TransitionRunner().next(failover, ready: [:], at: now)
        // Floors rise first; the weights wait for replicas that take the time to serve.
        guard case .setFloors = action else {
            Issue.record("expected the floors to rise first, got \(action)")
            return
        }
        let next = state.beginning(failover).after(action, at: now)
        let wait = TransitionRunner().next(try #require(next.transition), ready: [:], at: now)
        guard case .wait = wait else {
            Issue.record("expected a wait for ready replicas, got \(wait)")
            return
        }
        #expect(next.inForce.weights == state.inForce.weights)
    }
}

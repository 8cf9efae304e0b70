import Testing
@testable import SwitchyardCore

/// Switchyard's failover feeds the planner the ready replicas of short-pool units: they stay busy while
/// switched, and after the switch back traffic returns to them only as fast as their replicas load.
@Suite("Replay: running capacity of short pools")
struct ReplayRunningCapacityTests {
    let scenario = ReplayFixtures.shortageDuringRamp
    /// The report's unit order: inf2 (105 rps), trn1 (130), then the three GPU units.
    let neuron = [(index: 0, breakingPoint: 105.0), (index: 1, breakingPoint: 130.0)]

    @Test("while switched, units in the short pool serve up to their ready replicas", arguments: [
        ReplayStrategy.switchyardFailover, .switchyardOptimal,
    ])
    func shortPoolStaysBusy(strategy: ReplayStrategy) throws {
        let steps = try ReplaySimulator().steps(scenario, strategy: strategy)
        // 5 h: 900 rps, the neuron pool frozen since 1 h with one replica per unit.
        let step = steps[Int(5 * ReplayFixtures.hour / 10)]
        var busy = 0.0
        for unit in neuron {
            let capacity = Double(step.readyReplicas[unit.index]) * unit.breakingPoint
            #expect(step.readyReplicas[unit.index] >= 1)
            #expect(step.routedRPS[unit.index] <= capacity + 1e-6)
            busy += step.servedRPS[unit.index]
        }
        // Both units carry at least 80 % of what their replicas can: 0.8 × 235.
        #expect(busy >= 188)
    }

    @Test("after the switch back, weights return to cost only as the neuron replicas become ready")
    func gradualSwitchBack() throws {
        let steps = try ReplaySimulator().steps(scenario, strategy: .switchyardFailover)
        let cost = try ReplayFleet(scenario).weights(.cost)
        let back = steps.filter { $0.t >= 22_210 }
        let first = try #require(back.first)
        // At the switch back the neuron units still run what the shortage left them.
        #expect(first.weights != cost)
        for step in back {
            #expect(step.droppedRPS == 0, "dropped \(step.droppedRPS) at \(step.t)")
            for unit in neuron where step.weights != cost {
                #expect(step.routedRPS[unit.index] <= Double(step.readyReplicas[unit.index]) * unit.breakingPoint + 1e-6)
            }
        }
        // inf2, the cheapest, is held below its cost weight until its replicas have caught up.
        #expect(first.weights[0] < cost[0])
        #expect(back.last?.weights == cost)
    }

    @Test("strategies that never re-plan ignore running replicas", arguments: [
        ReplayStrategy.staticCost, .staticCapacity, .sampleController,
    ])
    func othersUnchanged(strategy: ReplayStrategy) throws {
        let steps = try ReplaySimulator().steps(scenario, strategy: strategy)
        let fleet = try ReplayFleet(scenario)
        let allowed: Set<[Int]> = [fleet.weights(.cost), fleet.weights(.capacity)]
        #expect(Set(steps.map(\.weights)).isSubset(of: allowed))
    }
}

import Foundation
import Testing
@testable import SwitchyardCore

@Suite("Make-before-break transitions")
struct MixTransitionTests {
    let runner = TransitionRunner()
    let start = Date(timeIntervalSince1970: 1_000)
    let from = UnitMix(replicas: ["sd21-inf2": 3], weights: ["sd21-inf2": 100], capacityRPS: 315, hourlyUSD: 2.27)
    let to = UnitMix(
        replicas: ["sd21-inf2": 3, "sd21-g5-triton": 2], weights: ["sd21-inf2": 64, "sd21-g5-triton": 36],
        capacityRPS: 495, hourlyUSD: 4.29
    )

    func transition() -> MixTransition {
        let decision = MixDecision(kind: .capacity, mix: to, cheapest: to, requiredRPS: 480, reason: "test")
        return TransitionPlanner().plan(
            model: "sd21", decision: decision, inForce: from, floors: ["sd21-inf2": 3, "sd21-trn1": 1],
            secondsUntilServing: ["sd21-g5-triton": 420], at: start
        )
    }

    @Test("floors rise first, weights move once replicas are ready, floors fall last")
    func order() {
        let plan = transition()
        #expect(plan.steps.map(\.name) == ["raise-floors", "await-ready", "move-weights", "lower-floors"])
        #expect(plan.steps[0] == .raiseFloors(["sd21-inf2": 3, "sd21-trn1": 1, "sd21-g5-triton": 2]))
        #expect(plan.steps[3] == .lowerFloors(["sd21-inf2": 3, "sd21-g5-triton": 2]))
    }

    @Test("weights never move before the gaining unit's replicas are ready")
    func weightsWaitForReady() {
        var plan = transition()
        var pushedWeights: [[String: Int]] = []
        var now = start
        // The g5 replicas become ready one at a time, 7 and 8 minutes in.
        for minute in 0...12 {
            now = start.addingTimeInterval(Double(minute) * 60)
            let ready = ["sd21-inf2": 3, "sd21-g5-triton": minute >= 8 ? 2 : (minute >= 7 ? 1 : 0)]
            while true {
                let action = runner.next(plan, ready: ready, at: now)
                if case .setWeights(let weights) = action {
                    #expect(ready["sd21-g5-triton"] == 2, "weights moved with \(ready)")
                    pushedWeights.append(weights)
                }
                if case .wait = action { break }
                if case .finished = action { break }
                plan = runner.done(action, in: plan, at: now)
            }
        }
        #expect(pushedWeights == [to.weights])
        #expect(plan.outcome == .completed)
    }

    @Test("a step that does not complete in time rolls back to the floors before it")
    func rollback() {
        var plan = transition()
        plan = runner.done(runner.next(plan, ready: [:], at: start), in: plan, at: start)
        #expect(runner.next(plan, ready: ["sd21-inf2": 3], at: start.addingTimeInterval(60)) != .finished)
        let late = start.addingTimeInterval(841)
        let action = runner.next(plan, ready: ["sd21-inf2": 3], at: late)
        guard case .rollBack(let floors, let reason) = action else {
            Issue.record("expected a rollback, got \(action)")
            return
        }
        #expect(floors == ["sd21-inf2": 3, "sd21-trn1": 1])
        #expect(reason.contains("sd21-g5-triton 0/2"))
        plan = runner.done(action, in: plan, at: late)
        #expect(plan.isFinished)
        #expect(runner.next(plan, ready: [:], at: late) == .finished)
    }

    @Test("a transition persisted mid-way resumes where it stopped")
    func resume() throws {
        var plan = transition()
        plan = runner.done(runner.next(plan, ready: [:], at: start), in: plan, at: start)
        let stored = try JSONEncoder().encode(plan)
        let restored = try JSONDecoder().decode(MixTransition.self, from: stored)
        #expect(restored == plan)
        let ready = ["sd21-inf2": 3, "sd21-g5-triton": 2]
        #expect(runner.next(restored, ready: ready, at: start.addingTimeInterval(500)) == .setWeights(to.weights))
    }

    @Test("without a cluster to read readiness from, the wait is met at once")
    func noReadiness() {
        var plan = transition()
        plan = runner.done(runner.next(plan, ready: [:], at: start), in: plan, at: start)
        #expect(runner.next(plan, ready: [:], readinessKnown: false, at: start) == .setWeights(to.weights))
    }

    @Test("a decision that keeps the weights only sets floors")
    func keep() {
        let decision = MixDecision(kind: .keep, mix: from, cheapest: from, requiredRPS: 300, reason: "kept")
        let plan = TransitionPlanner().plan(
            model: "sd21", decision: decision, inForce: from, floors: ["sd21-inf2": 2], secondsUntilServing: [:], at: start
        )
        #expect(plan.steps == [.lowerFloors(["sd21-inf2": 3])])
    }
}

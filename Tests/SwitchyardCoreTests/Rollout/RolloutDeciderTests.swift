import Foundation
import SwitchyardCore
import Testing

@Suite("Rollout decisions")
struct RolloutDeciderTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)
    static let healthy = GateReading(errorRate: 0.001, latencyMs: 500)

    static func rollout(step: Int = 0, noData: NoDataPolicy = .hold, status: RolloutStatus = .progressing) -> Rollout {
        Rollout(
            id: 1, model: "sd21", fromVersion: nil, toVersion: "v2", steps: [5, 25, 50, 100], pauseSeconds: 60,
            gates: RolloutGates(maxErrorRate: 0.01, maxLatencyMs: 900, latencyPercentile: .p95, noData: noData),
            status: status, stepIndex: step, stepStartedAt: start, createdAt: start, updatedAt: start, reason: "started")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var rollout: Rollout
        var reading: GateReading
        var elapsed: Double
        var expected: String
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "a step holds through its pause", rollout: rollout(), reading: healthy, elapsed: 30, expected: "hold"),
        Case(name: "healthy gates after the pause advance", rollout: rollout(), reading: healthy, elapsed: 60, expected: "advance 1"),
        Case(name: "the last step passed promotes", rollout: rollout(step: 3), reading: healthy, elapsed: 61, expected: "promote"),
        Case(name: "a bad error rate rolls back even during the pause",
             rollout: rollout(), reading: GateReading(errorRate: 0.2, latencyMs: 500), elapsed: 1, expected: "rollBack"),
        Case(name: "a slow canary rolls back", rollout: rollout(step: 2),
             reading: GateReading(errorRate: 0, latencyMs: 1_500), elapsed: 90, expected: "rollBack"),
        Case(name: "no data holds by default", rollout: rollout(), reading: .none, elapsed: 600, expected: "hold"),
        Case(name: "no data passes with noData: pass", rollout: rollout(noData: .pass), reading: .none, elapsed: 60,
             expected: "advance 1"),
        Case(name: "a paused rollout holds whatever its gates", rollout: rollout(status: .paused),
             reading: GateReading(errorRate: 1, latencyMs: 9_999), elapsed: 600, expected: "hold"),
        Case(name: "NaN is not within a gate", rollout: rollout(),
             reading: GateReading(errorRate: .nan, latencyMs: 500), elapsed: 600, expected: "rollBack"),
    ]

    @Test("decides", arguments: cases)
    func decides(_ example: Case) {
        let decision = RolloutDecider().decide(
            example.rollout, reading: example.reading, now: Self.start.addingTimeInterval(example.elapsed))
        let kind = switch decision {
        case .hold: "hold"
        case .advance(let step, _): "advance \(step)"
        case .promote: "promote"
        case .rollBack: "rollBack"
        }
        #expect(kind == example.expected)
    }

    @Test("applying decisions and actions moves the step, the share and the status")
    func applying() throws {
        let now = Self.start.addingTimeInterval(120)
        let advanced = Self.rollout().applying(.advance(step: 1, reason: "ok"), reading: Self.healthy, at: now)
        #expect(advanced.canaryPercent == 25)
        #expect(advanced.stepStartedAt == now)
        #expect(advanced.lastReading == Self.healthy)
        let rolledBack = advanced.applying(.rollBack(reason: "bad"), reading: .none, at: now)
        #expect(rolledBack.status == .rolledBack && rolledBack.canaryPercent == 0 && rolledBack.stableVersionAfter == nil)

        let paused = try advanced.applying(.pause, at: now, by: "ops")
        #expect(paused.status == .paused && paused.canaryPercent == 25)
        #expect(throws: RolloutActionRefused.self) { try paused.applying(.pause, at: now, by: "ops") }
        let resumed = try paused.applying(.resume, at: now.addingTimeInterval(10), by: "ops")
        #expect(resumed.status == .progressing && resumed.stepStartedAt == now.addingTimeInterval(10))
        let promoted = try resumed.applying(.promote, at: now, by: "ops")
        #expect(promoted.status == .promoted && promoted.canaryPercent == 100 && promoted.stableVersionAfter == "v2")
        #expect(throws: RolloutActionRefused.self) { try promoted.applying(.abort, at: now, by: "ops") }
    }

    @Test("a request is checked field by field")
    func requestViolations() throws {
        let model = DemoFleet.fleet.models[0]
        var units = DemoFleet.fleet.units
        units[0].version = "v2"
        let good = try RolloutRequest(toVersion: "v2").rollout(id: 1, model: model, stable: nil, units: units, now: Self.start)
        #expect(good.steps == [5, 25, 50, 100] && good.canaryPercent == 5)
        #expect(good.gates == RolloutGates(slo: model.slo))

        func fields(_ request: RolloutRequest, stable: String? = nil) -> [String] {
            do {
                _ = try request.rollout(id: 1, model: model, stable: stable, units: units, now: Self.start)
                return []
            } catch {
                return error.violations.map(\.field)
            }
        }
        #expect(fields(RolloutRequest(toVersion: "v3")) == ["toVersion"])
        #expect(fields(RolloutRequest(toVersion: "v2"), stable: "v2") == ["toVersion"])
        #expect(fields(RolloutRequest(toVersion: "v2", steps: [50, 25, 100])) == ["steps[1]"])
        #expect(fields(RolloutRequest(toVersion: "v2", steps: [5, 50])) == ["steps[1]"])
        #expect(fields(RolloutRequest(toVersion: "v2", steps: [0, 100])) == ["steps[0]"])
        #expect(fields(RolloutRequest(toVersion: "v2", steps: [])) == ["steps"])
        #expect(fields(RolloutRequest(toVersion: "v2", pauseSeconds: -1, maxErrorRate: 2, maxLatencyMs: 0))
            == ["pauseSeconds", "gates.maxErrorRate", "gates.maxLatencyMs"])
    }
}

import Foundation

/// What a rollout pass does next.
public enum RolloutDecision: Sendable, Equatable {
    /// Stay at the step in force.
    case hold(reason: String)
    /// Move to `step` (an index into the steps).
    case advance(step: Int, reason: String)
    /// The last step passed: the target version becomes the stable one.
    case promote(reason: String)
    /// A gate failed: back to the version the rollout came from.
    case rollBack(reason: String)
}

/// Decides a progressing rollout's next move from its gate reading and the time. Pure.
///
/// A failed gate rolls back at once, even during a step's pause: a canary that errors is not left serving until
/// the pause ends. Otherwise a step holds until its pause is over, then passes when every gate has data within
/// bounds (or, without data, when the gates' `noData` policy is `pass`); passing the last step promotes.
public struct RolloutDecider: Sendable {
    public init() {}

    public func decide(_ rollout: Rollout, reading: GateReading, now: Date) -> RolloutDecision {
        guard rollout.status == .progressing else {
            return .hold(reason: "the rollout is \(rollout.status.rawValue)")
        }
        let gates = rollout.gates
        let version = rollout.toVersion
        if let rate = reading.errorRate, !(rate <= gates.maxErrorRate) {
            return .rollBack(reason: "\(version) error rate \(Self.format(rate * 100)) % is over the gate's \(Self.format(gates.maxErrorRate * 100)) %")
        }
        if let latency = reading.latencyMs, !(latency <= gates.maxLatencyMs) {
            return .rollBack(reason: "\(version) \(gates.latencyPercentile.rawValue) latency \(Self.format(latency)) ms is over the gate's \(Self.format(gates.maxLatencyMs)) ms")
        }
        let percent = rollout.canaryPercent
        let held = now.timeIntervalSince(rollout.stepStartedAt)
        if held < rollout.pauseSeconds {
            return .hold(reason: "step \(rollout.stepIndex + 1) (\(percent) %) holds \(Self.format(rollout.pauseSeconds - held)) s more")
        }
        var passed = "gates within bounds"
        if reading.errorRate == nil || reading.latencyMs == nil {
            let missing = [reading.errorRate == nil ? "error rate" : nil, reading.latencyMs == nil ? "latency" : nil]
                .compactMap { $0 }.joined(separator: " and ")
            guard gates.noData == .pass else {
                return .hold(reason: "no \(missing) data for \(version) yet: step \(rollout.stepIndex + 1) (\(percent) %) holds")
            }
            passed = "no \(missing) data, passed by the gates' no-data policy"
        }
        let next = rollout.stepIndex + 1
        guard next < rollout.steps.count else {
            return .promote(reason: "step \(rollout.stepIndex + 1) (\(percent) %) passed, \(passed): \(version) promoted")
        }
        return .advance(step: next, reason: "step \(rollout.stepIndex + 1) (\(percent) %) passed, \(passed): \(version) to \(rollout.steps[next]) %")
    }

    static func format(_ value: Double) -> String {
        guard value.isFinite else { return "\(value)" }
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
}

extension Rollout {
    /// The rollout after `decision` took effect at `now`; a hold changes only the reason and the reading.
    public func applying(_ decision: RolloutDecision, reading: GateReading, at now: Date) -> Rollout {
        var next = self
        next.lastReading = reading
        switch decision {
        case .hold(let reason):
            next.reason = reason
            return next
        case .advance(let step, let reason):
            next.stepIndex = step
            next.stepStartedAt = now
            next.reason = reason
        case .promote(let reason):
            next.status = .promoted
            next.finishedAt = now
            next.reason = reason
        case .rollBack(let reason):
            next.status = .rolledBack
            next.finishedAt = now
            next.reason = reason
        }
        next.updatedAt = now
        return next
    }
}

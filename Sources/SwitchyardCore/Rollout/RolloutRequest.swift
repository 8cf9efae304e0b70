import Foundation

/// An operator's request to roll a model out to a new version; fields left nil take the defaults.
public struct RolloutRequest: Sendable, Equatable {
    public var toVersion: String
    /// Default 5, 25, 50, 100.
    public var steps: [Int]?
    /// Default 300 s.
    public var pauseSeconds: Double?
    /// Default: the model's SLO.
    public var maxErrorRate: Double?
    public var maxLatencyMs: Double?
    /// Default `hold`.
    public var noData: NoDataPolicy?

    public static let defaultSteps = [5, 25, 50, 100]
    public static let defaultPauseSeconds: Double = 300
    /// A week: a longer pause is more likely a unit mistake than a plan.
    public static let maxPauseSeconds: Double = 7 * 86_400

    public init(
        toVersion: String, steps: [Int]? = nil, pauseSeconds: Double? = nil, maxErrorRate: Double? = nil,
        maxLatencyMs: Double? = nil, noData: NoDataPolicy? = nil
    ) {
        self.toVersion = toVersion
        self.steps = steps
        self.pauseSeconds = pauseSeconds
        self.maxErrorRate = maxErrorRate
        self.maxLatencyMs = maxLatencyMs
        self.noData = noData
    }

    /// The rollout this request starts for `model`, whose stable version is `stable` and whose units are `units`,
    /// numbered `id`; every violation at once, each naming its field.
    public func rollout(
        id: Int, model: ServedModel, stable: String?, units: [DeploymentUnit], now: Date
    ) throws(RolloutViolations) -> Rollout {
        var violations: [FieldViolation] = []
        if toVersion.isEmpty || toVersion.count > 63 || toVersion.contains(where: { $0.isWhitespace || $0.isNewline }) {
            violations.append(FieldViolation(field: "toVersion", message: "must be 1 to 63 characters without spaces"))
        } else if toVersion == stable {
            violations.append(FieldViolation(field: "toVersion", message: "\(toVersion) is already the stable version of \(model.name)"))
        } else if !units.contains(where: { $0.model == model.name && $0.enabled && $0.version == toVersion }) {
            violations.append(FieldViolation(
                field: "toVersion", message: "no enabled unit of \(model.name) has version \(toVersion): register its units first"))
        }
        let steps = steps ?? Self.defaultSteps
        if steps.isEmpty {
            violations.append(FieldViolation(field: "steps", message: "must name at least one step, the last 100"))
        }
        for (index, step) in steps.enumerated() {
            if !(1...100).contains(step) {
                violations.append(FieldViolation(field: "steps[\(index)]", message: "must be a percentage from 1 to 100"))
            } else if index > 0, step <= steps[index - 1] {
                violations.append(FieldViolation(field: "steps[\(index)]", message: "must be larger than the step before it"))
            }
        }
        if let last = steps.last, last != 100 {
            violations.append(FieldViolation(field: "steps[\(steps.count - 1)]", message: "the last step must be 100"))
        }
        let pause = pauseSeconds ?? Self.defaultPauseSeconds
        if !(pause.isFinite && pause >= 0 && pause <= Self.maxPauseSeconds) {
            violations.append(FieldViolation(field: "pauseSeconds", message: "must be from 0 to \(Int(Self.maxPauseSeconds))"))
        }
        var gates = RolloutGates(slo: model.slo, noData: noData ?? .hold)
        if let rate = maxErrorRate {
            if rate.isFinite, (0...1).contains(rate) { gates.maxErrorRate = rate } else {
                violations.append(FieldViolation(field: "gates.maxErrorRate", message: "must be a fraction from 0 to 1"))
            }
        }
        if let latency = maxLatencyMs {
            if latency.isFinite, latency > 0 { gates.maxLatencyMs = latency } else {
                violations.append(FieldViolation(field: "gates.maxLatencyMs", message: "must be a number of milliseconds above 0"))
            }
        }
        guard violations.isEmpty else { throw RolloutViolations(violations: violations) }
        return Rollout(
            id: id, model: model.name, fromVersion: stable, toVersion: toVersion, steps: steps, pauseSeconds: pause,
            gates: gates, stepStartedAt: now, createdAt: now, updatedAt: now,
            reason: "step 1 (\(steps[0]) %): \(toVersion) takes \(steps[0]) % of \(model.name)'s traffic")
    }
}

/// A rollout request's violations, each naming its field.
public struct RolloutViolations: Error, Sendable, Equatable {
    public var violations: [FieldViolation]

    public init(violations: [FieldViolation]) {
        self.violations = violations
    }
}

/// What an operator can do to an active rollout.
public enum RolloutAction: String, Codable, Sendable, CaseIterable, Hashable {
    /// Hold at the step in force until resumed; gates are still read but do not advance it.
    case pause
    /// Continue from the step in force; its pause starts again.
    case resume
    /// Finish now: the target version becomes the stable one, whatever step was in force.
    case promote
    /// End now: the stable version carries all traffic again.
    case abort
}

/// Why an action does not apply to a rollout.
public struct RolloutActionRefused: Error, Sendable, Equatable, CustomStringConvertible {
    public var action: RolloutAction
    public var status: RolloutStatus

    public var description: String {
        "cannot \(action.rawValue) a rollout that is \(status.rawValue)"
    }
}

extension Rollout {
    /// The rollout after an operator's action at `now`.
    public func applying(_ action: RolloutAction, at now: Date, by actor: String) throws(RolloutActionRefused) -> Rollout {
        var next = self
        switch (action, status) {
        case (.pause, .progressing):
            next.status = .paused
            next.reason = "paused by \(actor) at step \(stepIndex + 1) (\(canaryPercent) %)"
        case (.resume, .paused):
            next.status = .progressing
            next.stepStartedAt = now
            next.reason = "resumed by \(actor) at step \(stepIndex + 1) (\(canaryPercent) %)"
        case (.promote, .progressing), (.promote, .paused):
            next.status = .promoted
            next.finishedAt = now
            next.reason = "promoted by \(actor) from step \(stepIndex + 1) (\(canaryPercent) %)"
        case (.abort, .progressing), (.abort, .paused):
            next.status = .aborted
            next.finishedAt = now
            next.reason = "aborted by \(actor) at step \(stepIndex + 1) (\(canaryPercent) %): \(fromVersion ?? "the unversioned units") carry all traffic"
        default:
            throw RolloutActionRefused(action: action, status: status)
        }
        next.updatedAt = now
        return next
    }
}

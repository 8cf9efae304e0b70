import Foundation
import Logging
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// Runs models' rollouts to new versions: starts them, carries out operators' actions (pause, resume, promote,
/// abort), and in each pass reads every active rollout's gates, lets the pure ``RolloutDecider`` decide, stores the
/// new step with its audit event and pushes the model, whose version split the desired state reads from the store.
/// A push that fails is retried every pass until it goes out. Only the lease holder runs passes; any replica serves
/// the API, and a store update applies only over the state it was decided from.
public actor RolloutController {
    /// Actor of the audit events written by passes.
    public static let auditActor = "system"

    let database: any ServiceStore
    let pusher: any RolloutPushing
    let gates: any GateMetricsSource
    let leadership: any Leadership
    let logger: Logger
    private let decider = RolloutDecider()
    /// Models whose last push failed, pushed again every pass until one goes out.
    private var unpushed: Set<String> = []

    package init(
        database: any ServiceStore, pusher: any RolloutPushing, gates: any GateMetricsSource = NoGateMetrics(),
        leadership: any Leadership = SingleReplicaLeadership(), logger: Logger = Logger(label: "switchyard.rollout")
    ) {
        self.database = database
        self.pusher = pusher
        self.gates = gates
        self.leadership = leadership
        self.logger = logger
    }

    /// A controller that pushes through `apply` and reads the store `apply` reads.
    public init(
        apply: ApplyService, gates: any GateMetricsSource = NoGateMetrics(),
        leadership: any Leadership = SingleReplicaLeadership(), logger: Logger = Logger(label: "switchyard.rollout")
    ) {
        self.init(database: apply.reader.database, pusher: apply, gates: gates, leadership: leadership, logger: logger)
    }

    /// Starts a rollout of `model` and pushes its first step.
    /// - Throws: `StoreError.notFound`, `.invalid` (naming the field) or `.conflict` (an active rollout exists).
    public func start(model: String, request: RolloutRequest, now: Date, context: ChangeContext) async throws -> Rollout {
        let rollout = try await database.startRollout(model: model, request: request, now: now, context: context)
        await push(model, context: context)
        return rollout
    }

    /// Applies an operator's action to `model`'s active rollout, stores it with its audit event and pushes.
    /// - Throws: `StoreError.notFound` for an unknown model, ``RolloutError`` when there is no active rollout or the
    ///   action does not apply, `StoreError.conflict` when the loop moved the rollout meanwhile.
    public func act(_ action: RolloutAction, model: String, now: Date, context: ChangeContext) async throws -> Rollout {
        guard let current = try await database.activeRollouts()[model] else {
            _ = try await database.get(ServedModel.self, named: model)
            throw RolloutError.noActiveRollout(model: model)
        }
        let next: Rollout
        do {
            next = try current.applying(action, at: now, by: context.actor)
        } catch {
            throw RolloutError.refused(error)
        }
        let auditAction: AuditAction = switch action {
        case .pause: .pause
        case .resume: .resume
        case .promote: .promote
        case .abort: .abort
        }
        try await database.updateRollout(next, from: current, audits: [
            try AuditEntry(
                actor: context.actor, action: auditAction, kind: .rollout, name: model, before: current, after: next,
                requestID: context.requestID, reason: context.reason ?? next.reason),
        ])
        logger.notice("rollout \(action.rawValue)", metadata: ["model": "\(model)", "actor": "\(context.actor)"])
        await push(model, context: context)
        return next
    }

    /// One pass over every active rollout at time `now`.
    @discardableResult
    public func pass(now: Date) async throws -> RolloutPassReport {
        var report = RolloutPassReport(at: now)
        guard await leadership.isLeader else { return report }
        let active = try await database.activeRollouts()
        let requestID = "rollout-\(UUID().uuidString.lowercased())"
        if !active.isEmpty || !unpushed.isEmpty {
            let index = try await database.fleetIndex()
            for (model, rollout) in active.sorted(by: { $0.key < $1.key }) {
                do {
                    try await pass(rollout, units: index.units(of: model), now: now, requestID: requestID, report: &report)
                } catch {
                    report.failed[model] = String(describing: error)
                    logger.warning("rollout pass failed", metadata: ["model": "\(model)", "error": "\(error)"])
                }
            }
        }
        for model in unpushed.sorted() where report.moved[model] == nil {
            let context = ChangeContext(actor: Self.auditActor, requestID: requestID, reason: "\(model): rollout push retried")
            if let failure = await push(model, context: context) { report.failed[model] = failure }
        }
        return report
    }

    private func pass(
        _ rollout: Rollout, units: [DeploymentUnit], now: Date, requestID: String, report: inout RolloutPassReport
    ) async throws {
        guard rollout.status == .progressing else {
            report.holding[rollout.model] = rollout.reason
            return
        }
        let reading: GateReading
        do {
            reading = try await gates.reading(for: rollout, units: units)
        } catch {
            // Unreadable gates are not no data: a metrics outage must not pass a step.
            report.holding[rollout.model] = "gate metrics unavailable, step held: \(error)"
            report.failed[rollout.model] = String(describing: error)
            return
        }
        let decision = decider.decide(rollout, reading: reading, now: now)
        guard let action = Self.auditAction(of: decision) else {
            if case .hold(let reason) = decision { report.holding[rollout.model] = reason }
            return
        }
        let (next, failure) = try await move(
            rollout, by: decision, as: action, reading: reading, now: now,
            context: ChangeContext(actor: Self.auditActor, requestID: requestID))
        report.moved[rollout.model] = action.rawValue
        if let failure { report.failed[next.model] = failure }
    }

    /// Judges a gate reading reported from outside (a canary analysis job, a smoke test, a load test) against
    /// `model`'s active rollout at once, as a pass judges one read from Prometheus: a failed gate rolls back, a
    /// step whose pause is over passes, and a hold records the reading and why it holds without an audit event
    /// (readings may come every few seconds).
    /// - Throws: `StoreError.invalid` naming the bad figure, `.notFound` for an unknown model, ``RolloutError`` when
    ///   there is no active rollout, `StoreError.conflict` when the rollout moved meanwhile.
    public func report(_ reading: GateReading, model: String, now: Date, context: ChangeContext) async throws -> Rollout {
        let violations = reading.violations
        guard violations.isEmpty else { throw StoreError.invalid(violations) }
        guard let current = try await database.activeRollouts()[model] else {
            _ = try await database.get(ServedModel.self, named: model)
            throw RolloutError.noActiveRollout(model: model)
        }
        let decision = decider.decide(current, reading: reading, now: now)
        guard let action = Self.auditAction(of: decision) else {
            // A paused rollout keeps the reason it was paused for.
            var held = current.status == .progressing ? current.applying(decision, reading: reading, at: now) : current
            held.lastReading = reading
            try await database.updateRollout(held, from: current, audits: [])
            return held
        }
        return try await move(current, by: decision, as: action, reading: reading, now: now, context: context).0
    }

    /// Stores `rollout` after `decision` with its audit event and pushes the model; returns the rollout and what
    /// failed to push, if anything.
    private func move(
        _ rollout: Rollout, by decision: RolloutDecision, as action: AuditAction, reading: GateReading, now: Date,
        context: ChangeContext
    ) async throws -> (Rollout, String?) {
        let next = rollout.applying(decision, reading: reading, at: now)
        try await database.updateRollout(next, from: rollout, audits: [
            try AuditEntry(
                actor: context.actor, action: action, kind: .rollout, name: rollout.model, before: rollout, after: next,
                requestID: context.requestID, reason: context.reason ?? next.reason),
        ])
        logger.notice("rollout \(action.rawValue)", metadata: [
            "model": "\(rollout.model)", "to": "\(next.toVersion)", "percent": "\(next.canaryPercent)", "reason": "\(next.reason)",
            "actor": "\(context.actor)",
        ])
        let pushContext = ChangeContext(
            actor: context.actor, requestID: context.requestID, reason: context.reason ?? "\(rollout.model): \(next.reason)")
        return (next, await push(rollout.model, context: pushContext))
    }

    /// The audit action of a decision that moves the rollout; nil for a hold.
    private static func auditAction(of decision: RolloutDecision) -> AuditAction? {
        switch decision {
        case .hold: nil
        case .advance: .advance
        case .promote: .promote
        case .rollBack: .rollBack
        }
    }

    /// Pushes `model`; a failure is logged and remembered for the next pass. Returns what failed, if anything.
    @discardableResult
    private func push(_ model: String, context: ChangeContext) async -> String? {
        let failure: String?
        do {
            failure = try await pusher.push(model: model, context: context)
        } catch {
            failure = String(describing: error)
        }
        if let failure {
            unpushed.insert(model)
            logger.warning("rollout push failed, retried next pass", metadata: ["model": "\(model)", "error": "\(failure)"])
        } else {
            unpushed.remove(model)
        }
        return failure
    }
}

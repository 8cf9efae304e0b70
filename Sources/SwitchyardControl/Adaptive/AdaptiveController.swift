import Foundation
import Logging
import SwitchyardCore
import SwitchyardStore

/// Runs the adaptive configuration for every model that chose it, one idempotent pass at a time: read the
/// model's demand samples, forecast, let the pure ``AdaptivePassPlanner`` decide whether to begin a
/// transition, then carry out what the transition allows now, step by step: each step is pushed with the
/// routing it puts in force handed down as a value, and stored with its audit event only once it went out.
/// A failed push is audited and retried by the next pass; a restart resumes the transition from the store.
/// Only the lease holder runs passes.
public actor AdaptiveController {
    /// Actor of the audit events written by passes.
    public static let auditActor = "system"

    let database: any ServiceStore
    let pusher: any AdaptivePushing
    let readiness: any ReadyReplicasSource
    let leadership: any Leadership
    public let settings: AdaptiveSettings
    /// Node launch plus model load assumed for units that declare no `timeToServeSeconds`: with theirs, the
    /// forecast's horizon and the ready timeouts' base.
    public let secondsUntilServing: Double
    let logger: Logger
    private let planner: AdaptivePassPlanner
    private let runner = TransitionRunner()
    /// The pass running or queued last; passes run one after another, never interleaved.
    private var lastPass: Task<AdaptivePassReport, any Error>?
    /// Yields after every ``wake()``, so a loop can run a pass at once. Coalesces: a burst is one wakeup.
    public nonisolated let wakeups: AsyncStream<Void>
    private nonisolated let wakeupContinuation: AsyncStream<Void>.Continuation

    package init(
        database: any ServiceStore, pusher: any AdaptivePushing, readiness: any ReadyReplicasSource = UnknownReadiness(),
        leadership: any Leadership = SingleReplicaLeadership(), settings: AdaptiveSettings = AdaptiveSettings(),
        secondsUntilServing: Double = 720, logger: Logger = Logger(label: "switchyard.adaptive")
    ) {
        self.database = database
        self.pusher = pusher
        self.readiness = readiness
        self.leadership = leadership
        self.settings = settings
        self.secondsUntilServing = secondsUntilServing
        self.logger = logger
        planner = AdaptivePassPlanner(settings: settings)
        (wakeups, wakeupContinuation) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    /// Asks the loop for a pass now instead of at its next interval: an operator reported demand.
    public nonisolated func wake() {
        wakeupContinuation.yield()
    }

    /// One pass over every model on the adaptive configuration at time `now`, after any pass already running.
    @discardableResult
    public func pass(now: Date) async throws -> AdaptivePassReport {
        let previous = lastPass
        let next = Task {
            _ = try? await previous?.value
            return try await self.runPass(now: now)
        }
        lastPass = next
        return try await next.value
    }

    private func runPass(now: Date) async throws -> AdaptivePassReport {
        var report = AdaptivePassReport(at: now)
        guard await leadership.isLeader else { return report }
        let index = try await database.fleetIndex()
        let adaptive = index.fleet.models.filter(\.routing.adaptive)
        // Most fleets run no model adaptively: an idle pass reads nothing more.
        guard !adaptive.isEmpty else { return report }
        let states = try await database.adaptiveStates()
        let versions = try await database.versionRoutings()
        let learned = LearnedInterruptionRates(try await database.spotObservations())
        let short = Set(try await database.failoverState().pools.filter { !$0.value.isHealthy }.keys)
        var history = ShortageHistory.none()
        if adaptive.contains(where: { $0.routing.standby == .auto }) {
            let window = ShortageHistory.defaultWindowSeconds
            history = ShortageHistory(
                signals: try await database.capacitySignals(since: now.addingTimeInterval(-window)), windowSeconds: window, now: now)
        }
        for model in adaptive {
            do {
                try await pass(
                    model, index: index, learned: learned, versions: versions[model.name] ?? VersionRouting(),
                    state: states[model.name] ?? AdaptiveModelState(), short: short,
                    standby: StandbyInput(policy: model.routing.standby, history: history), now: now, report: &report)
            } catch {
                report.failed[model.name] = String(describing: error)
                logger.warning("adaptive pass failed", metadata: ["model": "\(model.name)", "error": "\(error)"])
            }
        }
        return report
    }

    private func pass(
        _ model: ServedModel, index: FleetIndex, learned: LearnedInterruptionRates, versions: VersionRouting,
        state initial: AdaptiveModelState,
        short: Set<String>, standby: StandbyInput, now: Date, report: inout AdaptivePassReport
    ) async throws {
        // The mix is the stable version's: a new version's units take traffic only through a rollout's split.
        let units = index.units(of: model.name).filter { $0.enabled && versions.isStable($0) }
        let timing = TimeToServe(units: units, defaultSeconds: secondsUntilServing)
        let lookback = settings.forecast.lookbackSeconds(horizon: timing.horizonSeconds)
        let samples = try await database.demandSamples(model: model.name, since: now.addingTimeInterval(-lookback))
        guard !samples.isEmpty else {
            report.waiting[model.name] = "no demand sample yet: the default strategy applies"
            return
        }
        let known = try await readiness.readyReplicas(of: units)
        // Where nothing reports readiness, the floors in force are taken as ready.
        let ready = known ?? initial.floors
        var running: [String: Int] = [:]
        for unit in units where short.contains(unit.pool) { running[unit.name] = ready[unit.name] ?? 0 }
        var input = PlanningInput(index: index, model: model, strategy: .optimal, shortPools: short, runningReplicas: running)
        input.units = input.units.filter(versions.isStable)
        input.pools = learned.applied(to: input.pools)
        let forecast = DemandForecaster(settings: settings.forecast)
            .forecast(samples, at: now, horizonSeconds: timing.horizonSeconds)
        var state = initial
        let requestID = "adaptive-\(UUID().uuidString.lowercased())"
        if let (decision, transition) = planner.pass(
            model: model.name, state: state, input: input, forecast: forecast, ready: ready,
            secondsUntilServing: timing.seconds, standby: standby, at: now
        ) {
            state = state.beginning(transition)
            let standbyNote = transition.standby.map { "; standby: \($0.reason)" } ?? ""
            try await database.saveAdaptiveState(model: model.name, state: state, audits: [
                try audit(.begin, model.name, before: initial.routing,
                          after: AdaptiveRouting(weights: decision.mix.weights, floors: transition.targetFloors),
                          requestID: requestID, reason: "\(decision.kind.rawValue): \(decision.reason)\(standbyNote)"),
            ])
            report.began.append(model.name)
            logger.notice("adaptive transition", metadata: [
                "model": "\(model.name)", "kind": "\(decision.kind.rawValue)", "to": "\(decision.mix.summary)",
            ])
        }
        while let transition = state.transition, !transition.isFinished {
            let action = runner.next(transition, ready: ready, readinessKnown: known != nil, at: now)
            let routing: AdaptiveRouting
            switch action {
            case .wait(let why):
                report.waiting[model.name] = why
                return
            case .finished:
                return
            case .setFloors(let floors), .rollBack(let floors, _):
                routing = AdaptiveRouting(weights: state.inForce.weights, floors: floors)
            case .setWeights(let weights):
                routing = AdaptiveRouting(weights: weights, floors: state.floors)
            }
            let step = Self.stepName(action, transition)
            let context = ChangeContext(actor: Self.auditActor, requestID: requestID, reason: "\(model.name): \(step.rawValue)")
            if let failure = try await pusher.push(model: model.name, routing: routing, context: context) {
                try await database.saveAdaptiveState(model: model.name, state: state, audits: [
                    try audit(.stepFailed, model.name, before: state.routing, after: routing, requestID: requestID,
                              reason: "\(step.rawValue) failed, retried next pass: \(failure)"),
                ])
                report.failed[model.name] = failure
                return
            }
            let before = state.routing
            state = state.after(action, at: now, runner: runner)
            var reason = transition.reason
            if case .rollBack(_, let why) = action { reason = why }
            if known == nil, case .setWeights = action, case .awaitReady = transition.currentStep {
                reason = "no cluster reports readiness: the wait for ready replicas is taken as met"
            }
            try await database.saveAdaptiveState(model: model.name, state: state, audits: [
                try audit(step, model.name, before: before, after: state.routing, requestID: requestID, reason: reason),
            ])
            report.steps[model.name, default: []].append(step.rawValue)
        }
    }

    private static func stepName(_ action: TransitionRunner.Action, _ transition: MixTransition) -> AuditAction {
        if case .rollBack = action { return .rollBack }
        if case .setWeights = action { return .moveWeights }
        switch transition.currentStep {
        case .raiseFloors: return .raiseFloors
        case .awaitReady: return .awaitReady
        case .moveWeights: return .moveWeights
        case .lowerFloors, nil: return .lowerFloors
        }
    }

    private func audit(
        _ action: AuditAction, _ model: String, before: AdaptiveRouting, after: AdaptiveRouting, requestID: String,
        reason: String
    ) throws -> AuditEntry {
        try AuditEntry(
            actor: Self.auditActor, action: action, kind: .adaptive, name: model, before: before, after: after,
            requestID: requestID, reason: reason)
    }
}

/// What one adaptive pass did, per model.
public struct AdaptivePassReport: Sendable, Equatable {
    public var at: Date
    /// Models whose transition began in this pass.
    public var began: [String] = []
    /// Per model, the steps carried out in this pass, in order.
    public var steps: [String: [String]] = [:]
    /// Per model, why it is waiting (no sample yet, replicas not ready).
    public var waiting: [String: String] = [:]
    /// Per model, why the pass failed for it; retried next pass.
    public var failed: [String: String] = [:]

    public init(at: Date) {
        self.at = at
    }
}

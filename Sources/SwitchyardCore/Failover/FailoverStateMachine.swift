import Foundation

/// The pure failover policy: folds capacity signals into pool health and decides, per model, which
/// routing configuration should be in force at a given time.
///
/// Nothing here reads a clock or does IO; the caller passes the time and the data. A pass is
/// ``step(_:signals:costPools:at:)``; calling it again at the same time with the same inputs yields
/// no transitions. See ``FailoverDecision`` for committing the result only after a push succeeded.
///
/// Rules, per model:
/// - a model on `cost` whose cost configuration uses a short pool fails over to its target
///   (``FailoverTarget``): `capacity`, or `optimal` without the pools not yet healthy;
/// - a failed-over model returns to `cost` only once every pool of its cost configuration has been
///   healthy for ``FailoverSettings/holdTime``; a shortage inside the hold time restarts it;
/// - no model switches twice within ``FailoverSettings/minimumDwell``: a switch due sooner happens
///   at the first pass after the dwell;
/// - an operator pin wins over pool health until it is removed;
/// - a shortage in a pool outside the model's cost configuration changes nothing for it.
public struct FailoverStateMachine: Sendable {
    public var settings: FailoverSettings

    public init(settings: FailoverSettings = FailoverSettings()) {
        self.settings = settings
    }

    /// One pass: fold `signals` (in time order) into the pool health, then decide every model.
    /// - Parameters:
    ///   - costPools: per model, the pools of the units with non-zero weight in its cost plan.
    ///   - now: the time of the pass.
    public func step(
        _ state: FailoverState, signals: [CapacitySignal], costPools: [String: Set<String>], at now: Date
    ) -> FailoverDecision {
        decide(apply(signals, to: state), costPools: costPools, at: now)
    }

    /// Decides every model listed in `costPools` at time `now`, after promoting pools that have been
    /// recovering for the hold time to healthy. A model not listed keeps its routing untouched, so a
    /// pass that could not compute a model's cost plan never moves it by mistake.
    public func decide(_ state: FailoverState, costPools: [String: Set<String>], at now: Date) -> FailoverDecision {
        var next = promoteRecoveredPools(state, at: now)
        var transitions: [FailoverTransition] = []
        for model in costPools.keys.sorted() {
            let routing = next.routing(of: model)
            guard let transition = transition(for: routing, costPools: costPools[model] ?? [], in: next, at: now) else {
                continue
            }
            next.models[model] = ModelRouting(
                model: model, configuration: transition.to, since: now, reason: transition.reason,
                detail: transition.detail, evidence: transition.evidence, pin: routing.pin, lastSwitchAt: now
            )
            transitions.append(transition)
        }
        return FailoverDecision(state: next, transitions: transitions)
    }

    /// The switch due for one model now, or nil when its configuration stays.
    private func transition(
        for routing: ModelRouting, costPools: Set<String>, in state: FailoverState, at now: Date
    ) -> FailoverTransition? {
        let ordered = costPools.sorted()
        let short = ordered.filter { state.health(of: $0).isShort }
        let notHealthy = ordered.filter { !state.health(of: $0).isHealthy }
        let target = settings.target(for: routing.model)
        let failover: ModelConfiguration = target == .capacity ? .capacity : .optimal(without: notHealthy)

        let desired: ModelConfiguration
        let reason: TransitionReason
        let detail: String
        let evidencePools: [String]
        if let pin = routing.pin {
            (desired, reason, detail, evidencePools) = (pin, .pinned, "pinned by an operator to \(pin)", [])
        } else if routing.configuration == .cost {
            guard !short.isEmpty else { return nil }
            (desired, reason, evidencePools) = (failover, .poolShort, short)
            detail = "cost configuration uses short pool(s) " + describe(short, in: state)
        } else if notHealthy.isEmpty {
            desired = .cost
            reason = routing.reason == .pinned ? .unpinned : .poolsRecovered
            evidencePools = ordered
            detail = ordered.isEmpty
                ? "no pool carries the cost configuration"
                : "pool(s) \(ordered.joined(separator: ", ")) healthy for at least \(Int(saturating: settings.holdTime)) s"
        } else {
            desired = failover
            reason = routing.reason == .pinned ? .unpinned : .shortPoolsChanged
            evidencePools = notHealthy
            detail = "pool(s) not yet healthy: " + describe(notHealthy, in: state)
        }

        guard desired != routing.configuration else { return nil }
        if let last = routing.lastSwitchAt, now.timeIntervalSince(last) < settings.minimumDwell {
            return nil
        }
        return FailoverTransition(
            model: routing.model, from: routing.configuration, to: desired, at: now, reason: reason,
            detail: detail, evidence: evidencePools.compactMap { state.latestSignals[$0] }
        )
    }

    private func describe(_ pools: [String], in state: FailoverState) -> String {
        pools.map { pool in
            guard let signal = state.health(of: pool).evidence else { return pool }
            return "\(pool) (\(signal.reason) from \(signal.source.rawValue))"
        }.joined(separator: ", ")
    }
}

import Foundation

extension FailoverStateMachine {
    /// Folds signals into pool health in time order (ties keep their given order).
    public func apply(_ signals: [CapacitySignal], to state: FailoverState) -> FailoverState {
        let ordered = signals.enumerated().sorted {
            ($0.element.observedAt, $0.offset) < ($1.element.observedAt, $1.offset)
        }
        return ordered.reduce(state) { apply($1.element, to: $0) }
    }

    /// Folds one signal into its pool's health.
    ///
    /// A signal older than the one that set the pool's current state is stale and ignored, so
    /// observers may deliver late without undoing newer evidence. Repeated short signals keep the
    /// original `since`; repeated recovered signals keep the original `healthySince`.
    ///
    /// Evidence is kept per source: a pool is short while any source says so, and starts recovering only
    /// when every source that said short has said recovered (each observer reports its own recovery, the
    /// Karpenter event observer after its quiet period). An operator's "recovered" overrides every source.
    public func apply(_ signal: CapacitySignal, to state: FailoverState) -> FailoverState {
        var next = state
        let current = state.health(of: signal.pool)
        if let latest = current.evidence, signal.observedAt < latest.observedAt {
            return state
        }
        switch (signal.condition, current) {
        case (.short, .healthy), (.short, .recovering):
            next.pools[signal.pool] = .short(since: signal.observedAt, evidence: signal, sources: [signal.source])
        case (.short, .short(let since, _, let sources)):
            next.pools[signal.pool] = .short(since: since, evidence: signal, sources: sources.union([signal.source]))
        case (.recovered, .short(let since, let evidence, let sources)):
            let remaining = signal.source == .operator ? [] : sources.subtracting([signal.source])
            next.pools[signal.pool] = remaining.isEmpty
                ? .recovering(healthySince: signal.observedAt, evidence: signal)
                : .short(since: since, evidence: evidence, sources: remaining)
        case (.recovered, .recovering), (.recovered, .healthy):
            break
        }
        if let latest = state.latestSignals[signal.pool], signal.observedAt < latest.observedAt {
            return next
        }
        next.latestSignals[signal.pool] = signal
        return next
    }

    /// Pools recovering for at least the hold time become healthy.
    func promoteRecoveredPools(_ state: FailoverState, at now: Date) -> FailoverState {
        var next = state
        for (pool, health) in state.pools {
            if case .recovering(let healthySince, _) = health, now.timeIntervalSince(healthySince) >= settings.holdTime {
                next.pools[pool] = .healthy
            }
        }
        return next
    }
}

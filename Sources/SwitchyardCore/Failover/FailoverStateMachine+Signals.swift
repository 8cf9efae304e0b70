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
    public func apply(_ signal: CapacitySignal, to state: FailoverState) -> FailoverState {
        var next = state
        let current = state.health(of: signal.pool)
        if let latest = current.evidence, signal.observedAt < latest.observedAt {
            return state
        }
        switch (signal.condition, current) {
        case (.short, .healthy), (.short, .recovering):
            next.pools[signal.pool] = .short(since: signal.observedAt, evidence: signal)
        case (.short, .short(let since, _)):
            next.pools[signal.pool] = .short(since: since, evidence: signal)
        case (.recovered, .short):
            next.pools[signal.pool] = .recovering(healthySince: signal.observedAt, evidence: signal)
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

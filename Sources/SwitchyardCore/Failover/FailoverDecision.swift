/// The outcome of one failover pass: the state to commit and the switches to push first.
///
/// How the loop uses it: push every transition's plan; if all pushes succeed, commit `state`.
/// If some fail, commit ``state(afterFailedPushes:previous:)`` instead: pool health moves on, the
/// failed models keep their previous routing, and the next pass proposes the same switch again
/// (a failed push never counts towards the minimum dwell).
public struct FailoverDecision: Sendable, Equatable {
    /// The new state, as if every transition was pushed.
    public var state: FailoverState
    /// Switches in model-name order; empty when nothing changes.
    public var transitions: [FailoverTransition]

    public init(state: FailoverState, transitions: [FailoverTransition]) {
        self.state = state
        self.transitions = transitions
    }

    /// The state to commit when the pushes for `failedModels` did not succeed: their routing is
    /// taken from `previous`, everything else from this decision.
    public func state(afterFailedPushes failedModels: Set<String>, previous: FailoverState) -> FailoverState {
        var committed = state
        for model in failedModels {
            committed.models[model] = previous.models[model]
        }
        return committed
    }
}

import Foundation

extension AdaptiveModelState {
    /// The state with `transition` begun.
    public func beginning(_ transition: MixTransition) -> AdaptiveModelState {
        var next = self
        next.transition = transition
        return next
    }

    /// The state after the transition's `action` was carried out at `now`: floors and weights put in force,
    /// the transition moved on (or ended).
    public func after(_ action: TransitionRunner.Action, at now: Date, runner: TransitionRunner = TransitionRunner()) -> AdaptiveModelState {
        guard let transition else { return self }
        var next = self
        switch action {
        case .setFloors(let floors), .rollBack(let floors, _):
            next.floors = floors.filter { $0.value > 0 }
        case .setWeights:
            next.inForce = transition.to
            next.weightsMovedAt = now
        case .wait, .finished:
            return self
        }
        let moved = runner.done(action, in: transition, at: now)
        if case .completed = moved.outcome { next.inForce = moved.to }
        next.transition = moved
        return next
    }
}

import Foundation

/// Steps a ``MixTransition``: says what to do next and records that it was done. Pure; the live loop
/// executes each action through the appliers and the replay applies it to its simulated fleet.
public struct TransitionRunner: Sendable {
    /// What the executor should do now.
    public enum Action: Sendable, Equatable {
        /// Push these floors (ScaledObject `minReplicaCount`), then call `done`.
        case setFloors([String: Int])
        /// Push these weights, then call `done`.
        case setWeights([String: Int])
        /// Nothing to push yet: replicas are not ready.
        case wait(String)
        /// The wait timed out: push these floors back, then call `done`; the transition ends rolled back.
        case rollBack(floors: [String: Int], reason: String)
        /// The transition has ended.
        case finished
    }

    public init() {}

    /// The next action for `transition` given the ready replicas now.
    /// - Parameter readinessKnown: false where no cluster reports readiness (the `files` applier): a wait is
    ///   then met at once.
    public func next(_ transition: MixTransition, ready: [String: Int], readinessKnown: Bool = true, at now: Date) -> Action {
        guard let step = transition.currentStep else { return .finished }
        switch step {
        case .raiseFloors(let floors), .lowerFloors(let floors):
            return .setFloors(floors)
        case .moveWeights(let weights):
            return .setWeights(weights)
        case .awaitReady(let wanted, let timeout):
            let missing = wanted.filter { (ready[$0.key] ?? 0) < $0.value }
            if missing.isEmpty || !readinessKnown { return .setWeights(transition.to.weights) }
            let waited = now.timeIntervalSince(transition.stepStartedAt)
            let list = missing.keys.sorted().map { "\($0) \(ready[$0] ?? 0)/\(missing[$0] ?? 0)" }.joined(separator: ", ")
            if waited >= timeout {
                return .rollBack(
                    floors: transition.previousFloors,
                    reason: "replicas not ready after \(DecimalText.format(waited)) s: \(list)"
                )
            }
            return .wait("waiting for ready replicas: \(list)")
        }
    }

    /// `transition` after `action` was carried out at `now`.
    public func done(_ action: Action, in transition: MixTransition, at now: Date) -> MixTransition {
        var transition = transition
        switch action {
        case .wait, .finished:
            return transition
        case .rollBack(_, let reason):
            transition.outcome = .rolledBack(reason: reason)
            transition.next = transition.steps.count
        case .setFloors, .setWeights:
            // A met wait moves the weights in the same action: skip past both steps.
            if case .awaitReady = transition.currentStep { transition.next += 1 }
            transition.next += 1
        }
        transition.stepStartedAt = now
        if transition.outcome == nil, transition.next >= transition.steps.count { transition.outcome = .completed }
        return transition
    }
}

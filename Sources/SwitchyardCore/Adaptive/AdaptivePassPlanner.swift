import Foundation

/// One adaptive pass for one model, pure: from the forecast, the planning input (short pools with their
/// ready replicas) and the replicas ready now, decides whether to begin a transition. Shared by the live
/// rebalancer and the replay, so the replay reports what the live loop does.
///
/// - Demand seen now (the larger of the forecast's level and its newest sample) beyond what the ready
///   replicas of the mix in force carry is an overload: capacity comes from the units that serve soonest.
/// - A transition in flight finishes while the mix it heads for carries the demand seen now; otherwise it is
///   replaced by a new decision from where things stand.
/// - Otherwise the ``Rebalancer`` decides; a decision that changes nothing begins nothing.
/// - A capacity decision that needs replicas not yet ready first sends traffic to replicas that are (a warm
///   standby): all of it when they carry the demand, else what they carry while the decided mix launches.
/// - The ``StandbyPlanner`` sizes the warm standby kept beside the decided mix; its floors join the mix's.
public struct AdaptivePassPlanner: Sendable {
    public let rebalancer: Rebalancer
    private let transitions: TransitionPlanner
    private let standbys: StandbyPlanner

    public init(settings: AdaptiveSettings = AdaptiveSettings()) {
        rebalancer = Rebalancer(settings: settings)
        transitions = TransitionPlanner(settings: settings)
        standbys = StandbyPlanner(targetUtilization: settings.targetUtilization)
    }

    /// The transition to begin, or nil to carry on with `state` as it is.
    /// - Parameters:
    ///   - secondsUntilServing: per unit, node launch plus model load.
    ///   - standby: the model's standby policy and its pools' shortage history.
    public func pass(
        model: String, state: AdaptiveModelState, input: PlanningInput, forecast: DemandForecast,
        ready: [String: Int], secondsUntilServing: [String: Double], standby: StandbyInput = .none, at now: Date
    ) -> (decision: MixDecision, transition: MixTransition)? {
        let required = rebalancer.requiredRPS(for: forecast)
        let seen = max(forecast.levelRPS, forecast.latestRPS)
        let overloaded = !state.inForce.weights.isEmpty
            && rebalancer.isOverloaded(levelRPS: seen, inForce: state.inForce, ready: ready, input: input)
        let inFlight = state.isTransitioning ? state.transition : nil
        if let inFlight, inFlight.to.capacityRPS * rebalancer.settings.targetUtilization >= seen { return nil }
        let decided = overloaded
            ? rebalancer.decideUnderOverload(input, requiredRPS: required, ready: ready, secondsUntilServing: secondsUntilServing)
            : rebalancer.decide(
                input, inForce: inFlight?.to ?? state.inForce, requiredRPS: required,
                dwelling: state.weightsMovedAt.map { now.timeIntervalSince($0) < rebalancer.settings.minimumDwellSeconds } ?? false
            )
        let decision = rebalancer.warmFirst(decided, input, requiredRPS: required, ready: ready, inForce: state.inForce) ?? decided
        let warm = standbys.plan(
            standby.policy, mix: decision.mix, input: input, requiredRPS: required, history: standby.history,
            secondsUntilServing: secondsUntilServing
        )
        let floors = warm.floors(adding: decision.mix)
        if let inFlight {
            guard decision.mix.weights != inFlight.to.weights else { return nil }
        } else {
            // Already in force: a new transition would change nothing.
            if decision.mix.weights == state.inForce.weights, floors == state.floors { return nil }
            if decision.kind == .keep, floors == state.floors { return nil }
            if overloaded, decision.mix.weights == state.inForce.weights { return nil }
        }
        let transition = transitions.plan(
            model: model, decision: decision, inForce: state.inForce, floors: state.floors,
            secondsUntilServing: secondsUntilServing, standby: standby.policy == .none ? nil : warm, at: now
        )
        return (decision, transition)
    }
}

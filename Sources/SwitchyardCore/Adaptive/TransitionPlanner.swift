import Foundation

/// Turns a rebalancer decision into the steps that put it in force without dropping traffic.
///
/// A decision that keeps the weights only sets floors. One that moves them raises the floors of the units
/// gaining replicas, waits for those replicas to be ready, moves the weights, and only then lowers the
/// floors of the units losing traffic (to 0 for units leaving the mix), so no unit is sent more than its
/// ready replicas carry and nothing is taken away before its replacement serves. A warm standby's floors
/// join the mix's from the first step; the transition never waits for them, since they carry no traffic.
public struct TransitionPlanner: Sendable {
    public var settings: AdaptiveSettings

    public init(settings: AdaptiveSettings = AdaptiveSettings()) {
        self.settings = settings
    }

    /// The transition for `decision`, from the weights and floors in force.
    /// - Parameters:
    ///   - secondsUntilServing: per unit, node launch plus model load; sizes the ready timeout.
    ///   - standby: the warm replicas kept beside the new mix, if any.
    public func plan(
        model: String, decision: MixDecision, inForce: UnitMix, floors: [String: Int],
        secondsUntilServing: [String: Double], standby: StandbyPlan? = nil, at now: Date
    ) -> MixTransition {
        let target = decision.mix.replicas
        let targetFloors = (standby?.floors(adding: decision.mix) ?? target).merging(decision.preparing, uniquingKeysWith: max)
        guard decision.movesWeights else {
            return MixTransition(
                model: model, kind: decision.kind, from: inForce, to: decision.mix, previousFloors: floors,
                steps: [.lowerFloors(targetFloors)], startedAt: now, reason: decision.reason, standby: standby
            )
        }
        var raised = floors
        for (unit, count) in targetFloors { raised[unit] = max(raised[unit] ?? 0, count) }
        let slowest = target.keys.compactMap { secondsUntilServing[$0] }.max() ?? 0
        let timeout = max(settings.readyTimeoutFactor * slowest, settings.intervalSeconds)
        return MixTransition(
            model: model, kind: decision.kind, from: inForce, to: decision.mix, previousFloors: floors,
            steps: [
                .raiseFloors(raised.filter { $0.value > 0 }),
                .awaitReady(target, timeoutSeconds: timeout),
                .moveWeights(decision.mix.weights),
                .lowerFloors(targetFloors),
            ],
            startedAt: now, reason: decision.reason, standby: standby
        )
    }
}

/// Decides, once per pass, which mix a model on the adaptive configuration runs: the pure step of the
/// adaptive loop, shared by the live rebalancer and the replay.
///
/// The mix in force is kept, its replicas following the forecast at the same weights, while it carries
/// the forecast within its bounds and the cheapest mix saves no more than `savingsThreshold` of its hourly
/// cost: weights move only for a real saving or because capacity requires it, so they do not flap as
/// demand wanders.
public struct Rebalancer: Sendable {
    public var settings: AdaptiveSettings
    private let mixes = MixPlanner()

    public init(settings: AdaptiveSettings = AdaptiveSettings()) {
        self.settings = settings
    }

    /// The capacity to plan for a forecast: its provisioning figure over the target utilisation.
    public func requiredRPS(for forecast: DemandForecast) -> Double {
        let utilization = settings.targetUtilization > 0 ? min(settings.targetUtilization, 1) : 1
        return forecast.provisionRPS / utilization
    }

    /// The decision for `requiredRPS` given the mix in force (nil or empty: none yet).
    /// - Parameter dwelling: true while the last weight change is more recent than the minimum dwell: a
    ///   saving alone then keeps the mix in force.
    public func decide(_ input: PlanningInput, inForce: UnitMix?, requiredRPS: Double, dwelling: Bool = false) -> MixDecision {
        let (cheapest, meets) = mixes.cheapest(input, requiredRPS: requiredRPS)
        let demand = DecimalText.format(requiredRPS)
        guard let inForce, !inForce.weights.isEmpty else {
            return MixDecision(
                kind: .capacity, mix: cheapest, cheapest: cheapest, requiredRPS: requiredRPS,
                reason: "no mix in force: the cheapest mix for \(demand) rps is \(cheapest.summary)"
            )
        }
        guard let kept = mixes.resized(inForce, input, requiredRPS: requiredRPS) else {
            return MixDecision(
                kind: .capacity, mix: cheapest, cheapest: cheapest, requiredRPS: requiredRPS,
                reason: "the mix in force cannot carry \(demand) rps within its bounds, pool limits and short pools"
                    + (meets ? "" : "; no mix can, so the largest feasible is planned")
            )
        }
        if cheapest.weights == kept.weights {
            return MixDecision(
                kind: .keep, mix: kept, cheapest: cheapest, requiredRPS: requiredRPS,
                reason: "the mix in force is the cheapest for \(demand) rps"
            )
        }
        let margin = max(0, settings.savingsMargin)
        let (roomy, roomyMeets) = margin > 0 ? mixes.cheapest(input, requiredRPS: requiredRPS * (1 + margin)) : (cheapest, meets)
        let saving = kept.hourlyUSD - roomy.hourlyUSD
        let threshold = settings.savingsThreshold * kept.hourlyUSD
        let percent = DecimalText.format(settings.savingsThreshold * 100)
        if roomyMeets, saving > threshold, roomy.weights != kept.weights, !dwelling {
            return MixDecision(
                kind: .saves, mix: roomy, cheapest: cheapest, requiredRPS: requiredRPS,
                reason: "\(roomy.summary) saves \(DecimalText.usd(saving))/h of \(DecimalText.usd(kept.hourlyUSD))/h "
                    + "for \(demand) rps with \(DecimalText.format(margin * 100)) % to spare, more than the \(percent) % threshold"
            )
        }
        let why = saving > threshold && dwelling
            ? "the weights moved less than \(DecimalText.format(settings.minimumDwellSeconds)) s ago"
            : "the cheapest mix with \(DecimalText.format(margin * 100)) % to spare would save "
                + "\(DecimalText.usd(max(0, saving)))/h, within the \(percent) % threshold"
        return MixDecision(kind: .keep, mix: kept, cheapest: cheapest, requiredRPS: requiredRPS, reason: "kept: " + why)
    }
}

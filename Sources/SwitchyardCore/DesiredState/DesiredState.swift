/// What the cluster and the load balancer should run for a fleet: each model's plan, the units' ratings,
/// and the rendered objects that carry them out.
public struct DesiredState: Sendable, Equatable {
    public var plans: [RoutingPlan]
    public var ratings: [UnitRating]
    public var manifests: RenderedManifests

    public init(plans: [RoutingPlan], ratings: [UnitRating], manifests: RenderedManifests) {
        self.plans = plans
        self.ratings = ratings
        self.manifests = manifests
    }

    /// The plan in force for a model, if the model was planned.
    public func plan(for model: String) -> RoutingPlan? {
        plans.first { $0.model == model }
    }
}

/// Plans every model of a fleet and renders the result: the one path from registered data to desired state,
/// shared by the manifests API, the diff, the appliers, the failover loop and `switchyard render`.
public struct DesiredStateBuilder: Sendable {
    private let planner: RoutingPlanner
    private let renderer: ManifestRenderer

    public init(planner: RoutingPlanner = RoutingPlanner(), renderer: ManifestRenderer = ManifestRenderer()) {
        self.planner = planner
        self.renderer = renderer
    }

    /// Builds the desired state.
    /// - Parameters:
    ///   - strategies: the configuration in force per model (e.g. `capacity` after a failover); a model not
    ///     named here uses its default strategy.
    ///   - shortPools: pools flagged short of capacity; their units get no traffic.
    ///   - models: restricts planning and rendering to these models (their pools are still rendered); nil is all.
    ///   - adaptive: per model on the adaptive configuration, the weights and replica floors in force; they
    ///     replace the model's plan weights and its units' minimum replicas (a unit without a floor scales to zero),
    ///     and their ScaledObjects target `settings.adaptiveTargetUtilization`.
    public func build(
        fleet: Fleet, strategies: [String: StrategyKind] = [:], shortPools: Set<String> = [],
        settings: RenderSettings = RenderSettings(), models: Set<String>? = nil, adaptive: [String: AdaptiveRouting] = [:]
    ) -> DesiredState {
        let selectedModels = fleet.models
            .filter { models?.contains($0.name) ?? true }
            .sorted { $0.name < $1.name }
        var plans: [RoutingPlan] = []
        var ratings: [UnitRating] = []
        let index = FleetIndex(fleet)
        for model in selectedModels {
            let input = PlanningInput(
                index: index, model: model, strategy: strategies[model.name] ?? model.routing.defaultStrategy,
                shortPools: shortPools)
            if let routing = adaptive[model.name] {
                var costInput = input
                costInput.strategy = .cost
                plans.append(planner.plan(costInput).withWeights(routing.weights))
            } else {
                plans.append(planner.plan(input))
            }
            ratings.append(contentsOf: planner.ratings(input).values.sorted { $0.unit < $1.unit })
        }
        let units = selectedModels.flatMap { index.units(of: $0.name) }.map { unit in
            guard let routing = adaptive[unit.model] else { return unit }
            var floored = unit
            floored.minReplicas = min(routing.floors[unit.name] ?? 0, unit.maxReplicas)
            return floored
        }
        var settings = settings
        for model in adaptive.keys where settings.targetUtilizations[model] == nil {
            settings.targetUtilizations[model] = settings.adaptiveTargetUtilization
        }
        let usedPools = Set(units.map(\.pool))
        let pools = models == nil ? fleet.pools : fleet.pools.filter { usedPools.contains($0.name) }
        let manifests = renderer.render(RenderInput(
            models: selectedModels, instanceTypes: fleet.instanceTypes, pools: pools, units: units,
            ratings: ratings, plans: plans, settings: settings))
        return DesiredState(plans: plans, ratings: ratings, manifests: manifests)
    }
}

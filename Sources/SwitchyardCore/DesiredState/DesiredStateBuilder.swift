/// Plans every model of a fleet and renders the result: the one path from registered data to desired state,
/// shared by the manifests API, the diff, the appliers, the failover loop and `switchyard render`.
public struct DesiredStateBuilder: Sendable {
    let planner: RoutingPlanner
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
    ///   - versions: per model, the versions taking traffic (a rollout's split); a model not named here routes to
    ///     its unversioned units only. Every unit is rendered whatever its version, so a new version's units run
    ///     before a rollout gives them traffic.
    ///   - warnings: nodes about to go: their units' shares move to the other units and they ask for replacements.
    public func build(
        fleet: Fleet, strategies: [String: StrategyKind] = [:], shortPools: Set<String> = [],
        settings: RenderSettings = RenderSettings(), models: Set<String>? = nil, adaptive: [String: AdaptiveRouting] = [:],
        versions: [String: VersionRouting] = [:], warnings: NodeWarnings = NodeWarnings()
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
            plans.append(warnings.applied(
                to: plan(input, adaptive: adaptive[model.name], versions: versions[model.name] ?? VersionRouting())))
            ratings.append(contentsOf: planner.ratings(input).values.sorted { $0.unit < $1.unit })
        }
        let units = selectedModels.flatMap { index.units(of: $0.name) }.map { unit in
            guard let routing = adaptive[unit.model] else { return warnings.applied(to: unit) }
            var floored = unit
            floored.minReplicas = min(routing.floors[unit.name] ?? 0, unit.maxReplicas)
            return warnings.applied(to: floored)
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

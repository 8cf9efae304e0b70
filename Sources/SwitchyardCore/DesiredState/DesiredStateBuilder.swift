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
        let job = Job(
            builder: self, fleet: fleet, strategies: strategies, shortPools: shortPools, models: models,
            adaptive: adaptive, versions: versions, warnings: warnings)
        let planned = job.planned(job.selectedModels[...])
        return job.finish(planned, manifests: renderer.render(job.renderInput(planned, settings: settings)))
    }

    /// ``build(fleet:strategies:shortPools:settings:models:adaptive:versions:warnings:)``, the same desired state,
    /// with models planned and rendered a chunk per core.
    public func buildConcurrently(
        fleet: Fleet, strategies: [String: StrategyKind] = [:], shortPools: Set<String> = [],
        settings: RenderSettings = RenderSettings(), models: Set<String>? = nil, adaptive: [String: AdaptiveRouting] = [:],
        versions: [String: VersionRouting] = [:], warnings: NodeWarnings = NodeWarnings()
    ) async -> DesiredState {
        let job = Job(
            builder: self, fleet: fleet, strategies: strategies, shortPools: shortPools, models: models,
            adaptive: adaptive, versions: versions, warnings: warnings)
        let chunks = (try? await ChunkedWork.map(job.selectedModels, minimumChunk: 64) { [job.planned($0)] })
        let planned = chunks.map(Planned.init(joining:)) ?? job.planned(job.selectedModels[...])
        return job.finish(planned, manifests: await renderer.renderConcurrently(job.renderInput(planned, settings: settings)))
    }

    /// Plans and ratings of some models, in model order.
    struct Planned: Sendable {
        var plans: [RoutingPlan] = []
        var ratings: [UnitRating] = []

        init(plans: [RoutingPlan] = [], ratings: [UnitRating] = []) {
            self.plans = plans
            self.ratings = ratings
        }

        init(joining parts: [Planned]) {
            self.init(plans: parts.flatMap(\.plans), ratings: parts.flatMap(\.ratings))
        }
    }

    /// One build's inputs and the steps between them and the desired state.
    struct Job: Sendable {
        let builder: DesiredStateBuilder
        let fleet: Fleet
        let strategies: [String: StrategyKind]
        let shortPools: Set<String>
        let models: Set<String>?
        let adaptive: [String: AdaptiveRouting]
        let versions: [String: VersionRouting]
        let warnings: NodeWarnings
        let selectedModels: [ServedModel]
        let index: FleetIndex

        init(
            builder: DesiredStateBuilder, fleet: Fleet, strategies: [String: StrategyKind], shortPools: Set<String>,
            models: Set<String>?, adaptive: [String: AdaptiveRouting], versions: [String: VersionRouting],
            warnings: NodeWarnings
        ) {
            self.builder = builder
            self.fleet = fleet
            self.strategies = strategies
            self.shortPools = shortPools
            self.models = models
            self.adaptive = adaptive
            self.versions = versions
            self.warnings = warnings
            selectedModels = fleet.models.filter { models?.contains($0.name) ?? true }.sorted { $0.name < $1.name }
            index = FleetIndex(fleet)
        }

        func planned(_ models: ArraySlice<ServedModel>) -> Planned {
            var planned = Planned()
            for model in models {
                let input = PlanningInput(
                    index: index, model: model, strategy: strategies[model.name] ?? model.routing.defaultStrategy,
                    shortPools: shortPools)
                planned.plans.append(warnings.applied(
                    to: builder.plan(input, adaptive: adaptive[model.name], versions: versions[model.name] ?? VersionRouting())))
                planned.ratings.append(contentsOf: builder.planner.ratings(input).values.sorted { $0.unit < $1.unit })
            }
            return planned
        }

        func renderInput(_ planned: Planned, settings: RenderSettings) -> RenderInput {
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
            return RenderInput(
                models: selectedModels, instanceTypes: fleet.instanceTypes, pools: pools, units: units,
                ratings: planned.ratings, plans: planned.plans, settings: settings)
        }

        func finish(_ planned: Planned, manifests: RenderedManifests) -> DesiredState {
            DesiredState(plans: planned.plans, ratings: planned.ratings, manifests: manifests)
        }
    }
}

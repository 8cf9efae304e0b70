/// Everything the planner needs to decide one model's routing: the model, its units, what they run on,
/// their benchmarks, which pools are short and what still runs there, and the question asked (strategy,
/// demand, headroom, total).
public struct PlanningInput: Sendable {
    public var model: ServedModel
    /// The model's units.
    public var units: [DeploymentUnit]
    /// Instance types by name.
    public var instanceTypes: [String: InstanceType]
    /// Capacity pools by name. A unit whose pool is missing is planned as if its pool had no limits.
    public var pools: [String: CapacityPool]
    /// Benchmark runs by unit name.
    public var benchmarks: [String: [BenchmarkRun]]
    /// Pools flagged short of capacity: their units cannot grow. A unit there with ready replicas in
    /// `runningReplicas` keeps serving at most what those replicas carry; the others get no traffic.
    public var shortPools: Set<String>
    /// Ready replicas by unit name, read only for units in `shortPools`: a shortage stops new nodes,
    /// not the ones already running, so those replicas can still take traffic (up to replicas ×
    /// breaking point). Empty: every unit in a short pool is left out.
    public var runningReplicas: [String: Int]
    public var strategy: StrategyKind
    /// Demand in requests per second; nil falls back to the model's expected demand.
    public var demandRPS: Double?
    /// Extra capacity planned on top of demand by `optimal`, as a fraction (0.2 = 20 %).
    public var headroom: Double
    /// What the weights add up to, 1...the router's largest weight (999 for an ALB, 1,000,000 for an HTTPRoute).
    public var weightTotal: Int

    public init(
        model: ServedModel, units: [DeploymentUnit], instanceTypes: [String: InstanceType],
        pools: [String: CapacityPool], benchmarks: [String: [BenchmarkRun]], shortPools: Set<String> = [],
        runningReplicas: [String: Int] = [:], strategy: StrategyKind, demandRPS: Double? = nil, headroom: Double = 0.2, weightTotal: Int = 100
    ) {
        self.model = model
        self.units = units
        self.instanceTypes = instanceTypes
        self.pools = pools
        self.benchmarks = benchmarks
        self.shortPools = shortPools
        self.runningReplicas = runningReplicas
        self.strategy = strategy
        self.demandRPS = demandRPS
        self.headroom = headroom
        self.weightTotal = weightTotal
    }

    /// The demand that applies: the one asked for, else the model's expected demand.
    public var effectiveDemandRPS: Double? { demandRPS ?? model.expectedDemandRPS }
}

extension PlanningInput {
    /// The input for one model of a fleet: its units, all instance types and pools, and the units' runs.
    public init(
        fleet: Fleet, model: ServedModel, strategy: StrategyKind, shortPools: Set<String> = [],
        runningReplicas: [String: Int] = [:], demandRPS: Double? = nil, headroom: Double = 0.2, weightTotal: Int = 100
    ) {
        self.init(
            index: FleetIndex(fleet), model: model, strategy: strategy, shortPools: shortPools,
            runningReplicas: runningReplicas, demandRPS: demandRPS, headroom: headroom, weightTotal: weightTotal)
    }

    /// The input for one model from a fleet's index: what it costs is the model's size, not the fleet's.
    public init(
        index: FleetIndex, model: ServedModel, strategy: StrategyKind, shortPools: Set<String> = [],
        runningReplicas: [String: Int] = [:], demandRPS: Double? = nil, headroom: Double = 0.2, weightTotal: Int = 100
    ) {
        let units = index.units(of: model.name)
        var benchmarks: [String: [BenchmarkRun]] = [:]
        for unit in units { if let runs = index.benchmarksByUnit[unit.name] { benchmarks[unit.name] = runs } }
        self.init(
            model: model, units: units, instanceTypes: index.instanceTypes, pools: index.pools, benchmarks: benchmarks,
            shortPools: shortPools, runningReplicas: runningReplicas, strategy: strategy, demandRPS: demandRPS,
            headroom: headroom, weightTotal: weightTotal
        )
    }
}

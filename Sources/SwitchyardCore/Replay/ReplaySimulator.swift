import Foundation

/// Replays a scenario under each strategy, step by step, and reports cost and served load.
///
/// Pure and deterministic: the same scenario always gives the same report. Each non-oracle
/// strategy starts warm (every unit with the replicas its initial share of demand asks for, all
/// serving) and then runs the same loop every step: launching nodes that start serving, the
/// strategy's weights in force (the ``FailoverStateMachine`` decides for Switchyard's, whose plans
/// also see the replicas ready in short pools, see ``RoutingController``), the ALB split of demand by weight, each unit serving at most ready replicas × breaking point (the rest is
/// dropped), a KEDA poll when due, node launches where the pool allows, and the cost of every node
/// paid for. The oracle plans each step on its own (see ``ReplaySimulator/oracleSteps``).
///
/// Bounded: a scenario of more than ``maxSteps`` steps is refused before any work, and a run checks every
/// ``cancellationStride`` steps whether it was cancelled (the client went away, the server stops): by default
/// whether its task was, or whatever `isCancelled` says when it runs on a thread of its own.
public struct ReplaySimulator: Sendable {
    /// The most steps one strategy may simulate: about 11.5 days at the default 10 s step.
    public static let defaultMaxSteps = 100_000
    /// How many steps run between two checks for cancellation.
    static let cancellationStride = 256

    public let maxSteps: Int
    private let isCancelled: @Sendable () -> Bool

    public init(
        maxSteps: Int = ReplaySimulator.defaultMaxSteps, isCancelled: @escaping @Sendable () -> Bool = { Task.isCancelled }
    ) {
        self.maxSteps = maxSteps
        self.isCancelled = isCancelled
    }

    /// Replays every strategy in `strategies` and compares them.
    public func run(
        _ scenario: ReplayScenario, strategies: [ReplayStrategy] = ReplayStrategy.allCases
    ) throws(ReplayError) -> ReplayReport {
        let fleet = try prepare(scenario)
        var results = try strategyResults(fleet, strategies: strategies)
        if scenario.usesSpotOrReservations {
            let baseline = try strategyResults(try prepare(scenario.allOnDemand), strategies: strategies)
            for index in results.indices {
                guard let onDemand = baseline.first(where: { $0.strategy == results[index].strategy }) else { continue }
                results[index].allOnDemandCostUSD = onDemand.totalCostUSD
                if onDemand.totalCostUSD > 0 {
                    results[index].savingsVsAllOnDemand = ReplayNumber.rounded(
                        1 - results[index].totalCostUSD / onDemand.totalCostUSD, decimals: 4)
                }
            }
        }
        if let oracleCost = results.first(where: { $0.strategy == .oracle })?.totalCostUSD, oracleCost > 0 {
            for index in results.indices {
                results[index].costRatioToOracle = ReplayNumber.rounded(results[index].totalCostUSD / oracleCost, decimals: 4)
            }
        }
        if let boundCost = results.first(where: { $0.strategy == .clairvoyant })?.totalCostUSD, boundCost > 0 {
            for index in results.indices {
                results[index].costRatioToClairvoyant = ReplayNumber.rounded(results[index].totalCostUSD / boundCost, decimals: 4)
            }
        }
        let demandRequests = (0..<stepCount(scenario)).reduce(0.0) {
            $0 + scenario.demand.rps(at: Double($1) * scenario.stepSeconds) * scenario.stepSeconds
        }
        return ReplayReport(
            scenario: scenario.name, model: scenario.model, durationSeconds: scenario.durationSeconds,
            stepSeconds: scenario.stepSeconds, seriesIntervalSeconds: scenario.seriesIntervalSeconds,
            units: fleet.units.map {
                ReplayUnit(
                    name: $0.name, pool: $0.pool, breakingPointRPS: $0.breakingPointRPS, hourlyUSD: $0.hourlyUSD,
                    costPer1kInferencesUSD: ReplayNumber.rounded($0.costPer1kUSD, decimals: 6)
                )
            },
            capacityWindows: scenario.capacityWindows, demandRequests: ReplayNumber.rounded(demandRequests),
            results: results
        )
    }

    private func strategyResults(_ fleet: ReplayFleet, strategies: [ReplayStrategy]) throws(ReplayError) -> [StrategyResult] {
        let scenario = fleet.scenario
        var results: [StrategyResult] = []
        for strategy in strategies {
            var accumulator = ReplayAccumulator(
                interval: scenario.seriesIntervalSeconds, stepSeconds: scenario.stepSeconds,
                reservedInstances: fleet.reservedInstances)
            let switches = try simulate(fleet, strategy) { accumulator.add($0) }
            results.append(accumulator.result(strategy, switches: switches, windows: scenario.capacityWindows))
        }
        return results
    }

    /// Every step of one strategy, for inspection and tests.
    public func steps(_ scenario: ReplayScenario, strategy: ReplayStrategy) throws(ReplayError) -> [ReplayStep] {
        let fleet = try prepare(scenario)
        var steps: [ReplayStep] = []
        steps.reserveCapacity(stepCount(scenario))
        _ = try simulate(fleet, strategy) { steps.append($0) }
        return steps
    }

    private func prepare(_ scenario: ReplayScenario) throws(ReplayError) -> ReplayFleet {
        guard scenario.stepSeconds.isFinite, scenario.stepSeconds > 0 else {
            throw .invalidTiming("step must be a positive number of seconds")
        }
        guard scenario.durationSeconds.isFinite, scenario.durationSeconds >= scenario.stepSeconds else {
            throw .invalidTiming("duration must be at least one step")
        }
        guard scenario.seriesIntervalSeconds.isFinite, scenario.seriesIntervalSeconds >= scenario.stepSeconds,
              scenario.provisioning.pollingSeconds > 0, scenario.sampleControllerPollSeconds > 0,
              scenario.provisioning.targetUtilization > 0
        else {
            throw .invalidTiming("series interval, polling intervals and target utilisation must be positive")
        }
        guard !scenario.demand.points.isEmpty else { throw .emptyTrace }
        let steps = (scenario.durationSeconds / scenario.stepSeconds).rounded(.down)
        guard steps <= Double(maxSteps) else { throw .tooManySteps(steps: steps, limit: maxSteps) }
        return try ReplayFleet(scenario)
    }

    func stepCount(_ scenario: ReplayScenario) -> Int {
        max(1, Int(saturating: (scenario.durationSeconds / scenario.stepSeconds).rounded(.down)))
    }

    /// Runs one strategy, handing each step to `record`; returns the strategy's switches.
    func simulate(
        _ fleet: ReplayFleet, _ strategy: ReplayStrategy, record: (ReplayStep) -> Void
    ) throws(ReplayError) -> [ReplaySwitch] {
        switch strategy {
        case .oracle:
            try oracleSteps(fleet, record: record)
            return []
        case .clairvoyant:
            try clairvoyantSteps(fleet, record: record)
            return []
        case .switchyardAdaptive:
            var controller = AdaptiveReplayController(fleet: fleet)
            let initial = controller.start(demandRPS: fleet.scenario.demand.rps(at: 0))
            return try run(
                fleet, controller: &controller, initialReplicas: initial,
                utilization: fleet.scenario.adaptive.targetUtilization, record: record
            )
        default:
            var controller = RoutingController(strategy: strategy, fleet: fleet)
            let initialDemand = fleet.scenario.demand.rps(at: 0)
            controller.advance(to: 0, demandRPS: initialDemand)
            let initial = zip(fleet.units, Self.split(initialDemand, by: controller.weights)).map { unit, routed in
                recommendation(unit, routedRPS: routed, utilization: fleet.scenario.provisioning.targetUtilization)
            }
            return try run(
                fleet, controller: &controller, initialReplicas: initial,
                utilization: fleet.scenario.provisioning.targetUtilization, record: record
            )
        }
    }

    /// The step loop shared by every strategy that runs step by step.
    /// `utilization` is the ScaledObjects' target, as a fraction of the breaking point.
    private func run(
        _ fleet: ReplayFleet, controller: inout some ReplayController, initialReplicas: [Int], utilization: Double,
        record: (ReplayStep) -> Void
    ) throws(ReplayError) -> [ReplaySwitch] {
        let scenario = fleet.scenario
        let units = fleet.units
        let provisioning = scenario.provisioning
        let capacity = PoolCapacity(fleet: fleet)
        var replicas = initialReplicas.map { UnitReplicas(ready: $0) }
        var nextPoll = 0.0
        var routed = [Double](repeating: 0, count: units.count)
        var served = routed
        var failedLaunches: Set<String> = []
        var reclaimer = SpotReclaimer(fleet: fleet)
        for index in 0..<stepCount(scenario) {
            try checkCancellation(at: index)
            let t = Double(index) * scenario.stepSeconds
            let demand = scenario.demand.rps(at: t)
            for i in units.indices { replicas[i].promote(at: t) }
            let warnings = reclaimer.warn(&replicas, at: t)
            controller.advance(
                to: t, demandRPS: demand, failedLaunches: failedLaunches, readyReplicas: replicas.map(\.ready),
                polling: t >= nextPoll
            )
            let weights = controller.weights
            let floors = controller.floors
            if let floors {
                // A raised minReplicaCount takes effect at once; a lowered one at the next poll.
                for i in units.indices { replicas[i].raiseDesired(to: min(floors[i], units[i].maxReplicas)) }
            }
            let moving = controller.movesTrafficOnSpotWarning
            routed = Self.split(demand, by: moving ? SpotReclaimer.weights(weights, around: replicas) : weights)
            var dropped = weights.reduce(0, +) > 0 ? 0 : demand
            for i in units.indices {
                served[i] = min(routed[i], Double(replicas[i].ready) * units[i].breakingPointRPS)
                dropped += routed[i] - served[i]
            }
            if t >= nextPoll {
                for i in units.indices {
                    replicas[i].poll(
                        recommendation: recommendation(
                            units[i], routedRPS: routed[i], utilization: utilization, floor: floors?[i]
                        ),
                        at: t, stabilization: provisioning.scaleDownStabilizationSeconds
                    )
                }
                nextPoll += provisioning.pollingSeconds
            }
            failedLaunches = capacity.launchPending(&replicas, at: t)
            var hourly = fleet.sunkHourlyUSD
            var reservedReady = 0, paidNodes = 0
            for i in units.indices {
                hourly += Double(replicas[i].nodes) * units[i].hourlyUSD
                if units[i].isReserved { reservedReady += replicas[i].ready } else { paidNodes += replicas[i].nodes }
            }
            record(ReplayStep(
                t: t, demandRPS: demand, routedRPS: routed, servedRPS: served, droppedRPS: dropped, weights: weights,
                readyReplicas: replicas.map(\.ready), nodes: replicas.map(\.nodes), hourlyCostUSD: hourly,
                interruptions: warnings, interrupted: replicas.contains(where: \.isInterrupted),
                reservedReady: reservedReady, paidNodes: paidNodes
            ))
        }
        return controller.switches
    }

    /// Throws ``ReplayError/cancelled`` once the run is cancelled, checked every ``cancellationStride`` steps.
    func checkCancellation(at index: Int) throws(ReplayError) {
        if index % Self.cancellationStride == 0, isCancelled() { throw .cancelled }
    }

    /// KEDA's desired replicas for a load: load / (breaking point × target utilisation), rounded
    /// up, within the unit's bounds.
    /// With a `floor` (the adaptive strategy's minReplicaCount), the floor replaces the unit's minimum.
    private func recommendation(_ unit: ReplayFleet.Unit, routedRPS: Double, utilization: Double, floor: Int? = nil) -> Int {
        let raw = (routedRPS / (unit.breakingPointRPS * utilization) - 1e-9).rounded(.up)
        let wanted = raw.isFinite ? Int(max(0, min(raw, Double(Int32.max)))) : unit.maxReplicas
        return min(max(wanted, floor ?? unit.minReplicas), unit.maxReplicas)
    }

    /// The ALB's split of demand by weight.
    static func split(_ demand: Double, by weights: [Int]) -> [Double] {
        let total = weights.reduce(0, +)
        guard total > 0 else { return weights.map { _ in 0 } }
        return weights.map { demand * Double($0) / Double(total) }
    }
}

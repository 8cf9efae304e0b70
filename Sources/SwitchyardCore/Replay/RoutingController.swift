import Foundation

/// Decides the weights in force at each step for one non-oracle strategy, and records its switches.
///
/// Switchyard's strategies re-plan at each switch and, while a pool is capped, at each KEDA poll, giving
/// the planner the ready replicas of units in short pools: a shortage stops new nodes, not the ones
/// running, so those replicas stay busy up to what they carry. After switching back to `cost`, the
/// units of the pools that were short are still capped at their ready replicas (at least one, so that
/// KEDA sees load and scales them) until the plain cost plan fits them, so traffic returns as fast as
/// their nodes launch and load instead of all at once.
struct RoutingController: ReplayController {
    private let strategy: ReplayStrategy

    var movesTrafficOnSpotWarning: Bool { strategy == .switchyardFailover || strategy == .switchyardOptimal }
    private let fleet: ReplayFleet
    private let machine: FailoverStateMachine
    private let costPools: [String: Set<String>]
    /// Capacity signals Switchyard's observers would deliver, in time order.
    private let signals: [CapacitySignal]
    private var nextSignal = 0
    private var failoverState = FailoverState()
    private var nextSamplePoll = 0.0
    private var pendingReverts: [Double]
    private var sampleFailedOver = false
    private var unscannedFailures: Set<String> = []
    private var cache: [String: [Int]] = [:]
    /// Pools whose units the configuration in force caps at their ready replicas.
    private var cappedPools: Set<String> = []
    private(set) var weights: [Int]
    private(set) var switches: [ReplaySwitch] = []
    /// The failover strategies leave replica floors to the units' own minimum replicas.
    var floors: [Int]? { nil }

    init(strategy: ReplayStrategy, fleet: ReplayFleet) {
        self.strategy = strategy
        self.fleet = fleet
        let scenario = fleet.scenario
        var settings = scenario.failover
        settings.targets[fleet.model.name] = strategy == .switchyardOptimal ? .optimalWithoutShortPools : .capacity
        machine = FailoverStateMachine(settings: settings)
        costPools = [fleet.model.name: fleet.costPools()]
        signals = Self.observedSignals(scenario)
        pendingReverts = scenario.sampleControllerRevertTimes.sorted()
        weights = strategy == .staticCapacity ? fleet.weights(.capacity) : fleet.weights(.cost)
    }

    /// Advances to time `t` with the demand then, updating `weights` if the strategy switches or
    /// re-plans. `failedLaunches` are the pools where a node could not launch since the last call: the
    /// "insufficient capacity" lines the sample controller scans its logs for. `readyReplicas` (in
    /// fleet order) are what serves now; `polling` says a KEDA poll is due at this step.
    mutating func advance(
        to t: Double, demandRPS: Double, failedLaunches: Set<String> = [], readyReplicas: [Int] = [],
        polling: Bool = false
    ) {
        unscannedFailures.formUnion(failedLaunches)
        switch strategy {
        case .staticCost, .staticCapacity, .oracle, .clairvoyant, .switchyardAdaptive:
            return
        case .switchyardFailover, .switchyardOptimal:
            var due: [CapacitySignal] = []
            while nextSignal < signals.count, signals[nextSignal].observedAt <= Self.date(t) {
                due.append(signals[nextSignal])
                nextSignal += 1
            }
            let decision = machine.step(failoverState, signals: due, costPools: costPools, at: Self.date(t))
            failoverState = decision.state
            let configuration = failoverState.routing(of: fleet.model.name).configuration
            if !decision.transitions.isEmpty
                || (polling && needsReplan(configuration, demandRPS: demandRPS, readyReplicas: readyReplicas)) {
                weights = weights(for: configuration, demandRPS: demandRPS, readyReplicas: readyReplicas)
            }
            for transition in decision.transitions {
                switches.append(ReplaySwitch(
                    t: t, from: transition.from.description, to: transition.to.description,
                    reason: transition.detail
                ))
            }
        case .sampleController:
            if sampleFailedOver, let revert = pendingReverts.first, t >= revert {
                pendingReverts.removeFirst()
                sampleFailedOver = false
                weights = fleet.weights(.cost)
                switches.append(ReplaySwitch(t: t, from: "capacity", to: "cost", reason: "an operator told it to revert"))
            }
            guard t >= nextSamplePoll else { return }
            nextSamplePoll += fleet.scenario.sampleControllerPollSeconds
            let short = unscannedFailures
            unscannedFailures = []
            if !sampleFailedOver, !short.isEmpty {
                sampleFailedOver = true
                weights = fleet.weights(.capacity)
                switches.append(ReplaySwitch(
                    t: t, from: "cost", to: "capacity",
                    reason: "log scan found insufficient capacity in " + short.sorted().joined(separator: ", ")
                ))
            }
        }
    }

    private mutating func weights(
        for configuration: ModelConfiguration, demandRPS: Double, readyReplicas: [Int]
    ) -> [Int] {
        let fleet = fleet
        switch configuration {
        case .cost:
            let cost = cached("cost") { fleet.weights(.cost) }
            guard !cappedPools.isEmpty else { return cost }
            let ramp = fleet.weights(
                .cost, shortPools: cappedPools,
                runningReplicas: running(in: cappedPools, readyReplicas, atLeast: 1), demandRPS: demandRPS
            )
            if ramp == cost { cappedPools = [] }
            return ramp
        case .capacity:
            // Pools not yet healthy are capped, as the service's plan treats them as short.
            cappedPools = Set(failoverState.pools.filter { !$0.value.isHealthy }.keys)
            return fleet.weights(
                .capacity, shortPools: cappedPools, runningReplicas: running(in: cappedPools, readyReplicas),
                demandRPS: demandRPS
            )
        case .optimalWithout(let pools):
            cappedPools = Set(pools)
            return fleet.weights(
                .optimal, shortPools: cappedPools, runningReplicas: running(in: cappedPools, readyReplicas),
                demandRPS: demandRPS
            )
        }
    }

    /// Whether a KEDA poll should re-plan: always while some pool is capped, except that an `optimal`
    /// plan is kept as long as it sends no capped unit more than its ready replicas carry. A new optimal
    /// plan may pick another mix, and traffic moved to a unit with no replica ready is dropped until one
    /// has loaded; the plan in force scales with demand through KEDA, only the capped units cannot.
    private func needsReplan(_ configuration: ModelConfiguration, demandRPS: Double, readyReplicas: [Int]) -> Bool {
        guard !cappedPools.isEmpty else { return false }
        guard case .optimalWithout = configuration else { return true }
        let routed = ReplaySimulator.split(demandRPS, by: weights)
        return fleet.units.indices.contains { index in
            cappedPools.contains(fleet.units[index].pool) && index < readyReplicas.count
                && routed[index] > Double(readyReplicas[index]) * fleet.units[index].breakingPointRPS + 1e-9
        }
    }

    /// Ready replicas of the units in `pools`, by unit name, each raised to `atLeast`.
    private func running(in pools: Set<String>, _ readyReplicas: [Int], atLeast floor: Int = 0) -> [String: Int] {
        var running: [String: Int] = [:]
        for (unit, ready) in zip(fleet.units, readyReplicas) where pools.contains(unit.pool) {
            running[unit.name] = max(ready, floor)
        }
        return running
    }

    private mutating func cached(_ key: String, _ compute: () -> [Int]) -> [Int] {
        if let hit = cache[key] { return hit }
        let value = compute()
        cache[key] = value
        return value
    }

    static func date(_ t: Double) -> Date { Date(timeIntervalSince1970: t) }

    /// The capacity signals Switchyard's observers would deliver for a scenario's windows, in time order.
    static func observedSignals(_ scenario: ReplayScenario) -> [CapacitySignal] {
        let delay = scenario.provisioning.detectionDelaySeconds
        return scenario.capacityWindows.flatMap { window in
            [
                signal(window, .short, at: window.from + delay),
                signal(window, .recovered, at: window.to + delay),
            ]
        }.sorted { $0.observedAt < $1.observedAt }
    }

    private static func signal(_ window: CapacityWindow, _ condition: CapacityCondition, at t: Double) -> CapacitySignal {
        CapacitySignal(
            pool: window.pool, condition: condition, source: .replay,
            reason: condition == .short ? "InsufficientCapacityError" : "OfferingAvailable",
            observedAt: date(t),
            evidence: window.nodeLimit.map { "pool limited to \($0) nodes" } ?? "no new node can launch"
        )
    }
}

import Foundation

/// Decides the weights in force at each step for one non-oracle strategy, and records its switches.
struct RoutingController {
    private let strategy: ReplayStrategy
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
    private(set) var weights: [Int]
    private(set) var switches: [ReplaySwitch] = []

    init(strategy: ReplayStrategy, fleet: ReplayFleet) {
        self.strategy = strategy
        self.fleet = fleet
        let scenario = fleet.scenario
        var settings = scenario.failover
        settings.targets[fleet.model.name] = strategy == .switchyardOptimal ? .optimalWithoutShortPools : .capacity
        machine = FailoverStateMachine(settings: settings)
        costPools = [fleet.model.name: fleet.costPools()]
        let delay = scenario.provisioning.detectionDelaySeconds
        signals = scenario.capacityWindows.flatMap { window in
            [
                Self.signal(window, .short, at: window.from + delay),
                Self.signal(window, .recovered, at: window.to + delay),
            ]
        }.sorted { $0.observedAt < $1.observedAt }
        pendingReverts = scenario.sampleControllerRevertTimes.sorted()
        weights = strategy == .staticCapacity ? fleet.weights(.capacity) : fleet.weights(.cost)
    }

    /// Advances to time `t` with the demand then, updating `weights` if the strategy switches.
    /// `failedLaunches` are the pools where a node could not launch since the last call: the
    /// "insufficient capacity" lines the sample controller scans its logs for.
    mutating func advance(to t: Double, demandRPS: Double, failedLaunches: Set<String> = []) {
        unscannedFailures.formUnion(failedLaunches)
        switch strategy {
        case .staticCost, .staticCapacity, .oracle:
            return
        case .switchyardFailover, .switchyardOptimal:
            var due: [CapacitySignal] = []
            while nextSignal < signals.count, signals[nextSignal].observedAt <= Self.date(t) {
                due.append(signals[nextSignal])
                nextSignal += 1
            }
            let decision = machine.step(failoverState, signals: due, costPools: costPools, at: Self.date(t))
            failoverState = decision.state
            for transition in decision.transitions {
                weights = weights(for: transition.to, demandRPS: demandRPS)
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

    private mutating func weights(for configuration: ModelConfiguration, demandRPS: Double) -> [Int] {
        switch configuration {
        case .cost:
            let fleet = fleet
            return cached("cost") { fleet.weights(.cost) }
        case .capacity:
            // The capacity plan routes nothing to pools not yet healthy, as the service's plan does.
            let short = Set(failoverState.pools.filter { !$0.value.isHealthy }.keys)
            let fleet = fleet
            return cached("capacity|" + short.sorted().joined(separator: ",")) {
                fleet.weights(.capacity, shortPools: short)
            }
        case .optimalWithout(let pools):
            return fleet.weights(.optimal, shortPools: Set(pools), demandRPS: demandRPS)
        }
    }

    private mutating func cached(_ key: String, _ compute: () -> [Int]) -> [Int] {
        if let hit = cache[key] { return hit }
        let value = compute()
        cache[key] = value
        return value
    }

    private static func date(_ t: Double) -> Date { Date(timeIntervalSince1970: t) }

    private static func signal(_ window: CapacityWindow, _ condition: CapacityCondition, at t: Double) -> CapacitySignal {
        CapacitySignal(
            pool: window.pool, condition: condition, source: .replay,
            reason: condition == .short ? "InsufficientCapacityError" : "OfferingAvailable",
            observedAt: date(t),
            evidence: window.nodeLimit.map { "pool limited to \($0) nodes" } ?? "no new node can launch"
        )
    }
}

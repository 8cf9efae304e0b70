import Foundation

/// `switchyard adaptive` in a replay: the live rebalancer's pure steps over simulated time.
///
/// Demand is seen as the trace's samples, each `demandObservationDelaySeconds` late. Every interval the
/// ``DemandForecaster`` forecasts over the slowest unit's time to serve, the ``Rebalancer`` decides on the
/// mix (pools the failover state machine holds unhealthy are short, their ready replicas kept), and the
/// ``TransitionPlanner`` turns a change into make-before-break steps, which the ``TransitionRunner`` steps
/// every simulation step against the replicas ready then. Floors replace the units' minimum replicas: a
/// unit outside the mix scales to zero. Its ScaledObjects target the adaptive settings' utilisation.
struct AdaptiveReplayController: ReplayController {
    private let fleet: ReplayFleet
    private let rebalancer: Rebalancer
    private let transitionPlanner: TransitionPlanner
    private let runner = TransitionRunner()
    private let forecaster: DemandForecaster
    private let machine: FailoverStateMachine
    private let signals: [CapacitySignal]
    private let allPools: [String: Set<String>]
    private let horizon: Double
    private let secondsUntilServing: [String: Double]
    private var nextSignal = 0
    private var failoverState = FailoverState()
    private var observed = DemandSeries()
    private var nextPoint = 0
    private var nextPass = 0.0
    private var inForce = UnitMix.empty
    private var floorsByName: [String: Int] = [:]
    private var transition: MixTransition?
    private(set) var weights: [Int]
    private(set) var switches: [ReplaySwitch] = []

    var floors: [Int]? { fleet.units.map { floorsByName[$0.name] ?? 0 } }

    init(fleet: ReplayFleet) {
        self.fleet = fleet
        let scenario = fleet.scenario
        let settings = scenario.adaptive
        rebalancer = Rebalancer(settings: settings)
        transitionPlanner = TransitionPlanner(settings: settings)
        forecaster = DemandForecaster(settings: settings.forecast)
        machine = FailoverStateMachine(settings: scenario.failover)
        signals = RoutingController.observedSignals(scenario)
        allPools = [fleet.model.name: Set(fleet.units.map(\.pool))]
        horizon = fleet.units.map(\.timing.secondsUntilServing).max() ?? 0
        secondsUntilServing = Dictionary(
            fleet.units.map { ($0.name, $0.timing.secondsUntilServing) }, uniquingKeysWith: max
        )
        weights = fleet.units.map { _ in 0 }
    }

    /// Starts warm: the cheapest mix for the demand at the start, in force with its replicas serving.
    mutating func start(demandRPS: Double) -> [Int] {
        observed.append(t: 0, rps: demandRPS)
        let forecast = forecaster.forecast(observed, at: 0, horizonSeconds: 0)
        let decision = rebalancer.decide(fleet.planningInput(), inForce: nil, requiredRPS: rebalancer.requiredRPS(for: forecast))
        inForce = decision.mix
        floorsByName = decision.mix.replicas
        weights = fleet.units.map { decision.mix.weights[$0.name] ?? 0 }
        nextPass = fleet.scenario.adaptive.intervalSeconds
        return fleet.units.map { decision.mix.replicas(of: $0.name) }
    }

    mutating func advance(
        to t: Double, demandRPS: Double, failedLaunches: Set<String>, readyReplicas: [Int], polling: Bool
    ) {
        var due: [CapacitySignal] = []
        while nextSignal < signals.count, signals[nextSignal].observedAt <= RoutingController.date(t) {
            due.append(signals[nextSignal])
            nextSignal += 1
        }
        failoverState = machine.step(failoverState, signals: due, costPools: allPools, at: RoutingController.date(t)).state
        let points = fleet.scenario.demand.points
        let delay = fleet.scenario.demandObservationDelaySeconds
        while nextPoint < points.count, points[nextPoint].t + delay <= t {
            observed.append(t: points[nextPoint].t, rps: points[nextPoint].rps)
            nextPoint += 1
        }
        var ready: [String: Int] = [:]
        for (unit, count) in zip(fleet.units, readyReplicas) { ready[unit.name] = count }
        if t >= nextPass {
            nextPass += max(fleet.scenario.adaptive.intervalSeconds, fleet.scenario.stepSeconds)
            pass(at: t, ready: ready)
        }
        step(at: t, ready: ready)
    }

    private mutating func pass(at t: Double, ready: [String: Int]) {
        let short = Set(failoverState.pools.filter { !$0.value.isHealthy }.keys)
        var running: [String: Int] = [:]
        for unit in fleet.units where short.contains(unit.pool) { running[unit.name] = ready[unit.name] ?? 0 }
        let input = fleet.planningInput(shortPools: short, runningReplicas: running)
        let forecast = forecaster.forecast(observed, at: t, horizonSeconds: horizon)
        let required = rebalancer.requiredRPS(for: forecast)
        let seen = max(forecast.levelRPS, forecast.latestRPS)
        let overloaded = rebalancer.isOverloaded(levelRPS: seen, inForce: inForce, ready: ready, input: input)
        if let current = transition, !current.isFinished {
            // A transition in flight finishes while the mix it heads for carries the demand seen now; a
            // higher forecast is met by the passes after it.
            guard current.to.capacityRPS * rebalancer.settings.targetUtilization < seen else { return }
        }
        let decision = overloaded
            ? rebalancer.decideUnderOverload(input, requiredRPS: required, ready: ready, secondsUntilServing: secondsUntilServing)
            : rebalancer.decide(input, inForce: transition.map(\.to) ?? inForce, requiredRPS: required)
        if let current = transition, !current.isFinished {
            if decision.mix.weights != current.to.weights { begin(decision, at: t) }
            return
        }
        if decision.kind == .keep, decision.mix.replicas == floorsByName { return }
        if overloaded, decision.mix.weights == inForce.weights { return }
        begin(decision, at: t)
    }

    private mutating func begin(_ decision: MixDecision, at t: Double) {
        transition = transitionPlanner.plan(
            model: fleet.model.name, decision: decision, inForce: inForce, floors: floorsByName,
            secondsUntilServing: secondsUntilServing, at: RoutingController.date(t)
        )
        if decision.movesWeights {
            switches.append(ReplaySwitch(t: t, from: inForce.summary, to: decision.mix.summary, reason: decision.reason))
        }
    }

    /// Executes what the transition in flight allows now; several steps may complete in one call.
    private mutating func step(at t: Double, ready: [String: Int]) {
        let now = RoutingController.date(t)
        while var current = transition {
            let action = runner.next(current, ready: ready, at: now)
            switch action {
            case .setFloors(let floors):
                floorsByName = floors
            case .setWeights(let weights):
                self.weights = fleet.units.map { weights[$0.name] ?? 0 }
                inForce = current.to
            case .rollBack(let floors, let reason):
                floorsByName = floors
                switches.append(ReplaySwitch(t: t, from: current.to.summary, to: inForce.summary, reason: "rolled back: " + reason))
            case .wait:
                return
            case .finished:
                if case .completed = current.outcome { inForce = current.to }
                transition = nil
                return
            }
            current = runner.done(action, in: current, at: now)
            transition = current
        }
    }
}

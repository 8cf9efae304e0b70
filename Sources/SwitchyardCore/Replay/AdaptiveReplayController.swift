import Foundation

/// `switchyard adaptive` in a replay: the live rebalancer's pure steps over simulated time.
///
/// Demand is seen as the trace's samples, each `demandObservationDelaySeconds` late. Every interval the
/// ``DemandForecaster`` forecasts over the slowest unit's time to serve, the ``Rebalancer`` decides on the
/// mix (pools the failover state machine holds unhealthy are short, their ready replicas kept), and the
/// ``TransitionPlanner`` turns a change into make-before-break steps, which the ``TransitionRunner`` steps
/// every simulation step against the replicas ready then. Floors replace the units' minimum replicas: a
/// unit outside the mix scales to zero, unless the model's warm standby keeps it. Its ScaledObjects target the
/// adaptive settings' utilisation.
struct AdaptiveReplayController: ReplayController {
    private let fleet: ReplayFleet
    private let planner: AdaptivePassPlanner
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
    private var state = AdaptiveModelState()
    private(set) var weights: [Int]
    private(set) var switches: [ReplaySwitch] = []

    var floors: [Int]? { fleet.units.map { state.floors[$0.name] ?? 0 } }

    var movesTrafficOnSpotWarning: Bool { true }

    init(fleet: ReplayFleet) {
        self.fleet = fleet
        let scenario = fleet.scenario
        planner = AdaptivePassPlanner(settings: scenario.adaptive)
        forecaster = DemandForecaster(settings: scenario.adaptive.forecast)
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
        let rebalancer = planner.rebalancer
        let decision = rebalancer.decide(fleet.planningInput(), inForce: nil, requiredRPS: rebalancer.requiredRPS(for: forecast))
        state = AdaptiveModelState(inForce: decision.mix, floors: decision.mix.replicas)
        weights = fleet.units.map { decision.mix.weights[$0.name] ?? 0 }
        nextPass = fleet.scenario.adaptive.intervalSeconds
        return fleet.units.map { decision.mix.replicas(of: $0.name) }
    }

    mutating func advance(
        to t: Double, demandRPS: Double, failedLaunches: Set<String>, readyReplicas: [Int], polling: Bool
    ) {
        let now = RoutingController.date(t)
        var due: [CapacitySignal] = []
        while nextSignal < signals.count, signals[nextSignal].observedAt <= now {
            due.append(signals[nextSignal])
            nextSignal += 1
        }
        failoverState = machine.step(failoverState, signals: due, costPools: allPools, at: now).state
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
            let short = Set(failoverState.pools.filter { !$0.value.isHealthy }.keys)
            var running: [String: Int] = [:]
            for unit in fleet.units where short.contains(unit.pool) { running[unit.name] = ready[unit.name] ?? 0 }
            if let (decision, transition) = planner.pass(
                model: fleet.model.name, state: state, input: fleet.planningInput(shortPools: short, runningReplicas: running),
                forecast: forecaster.forecast(observed, at: t, horizonSeconds: horizon), ready: ready,
                secondsUntilServing: secondsUntilServing, standby: standby(at: now), at: now
            ) {
                if decision.movesWeights {
                    switches.append(ReplaySwitch(t: t, from: state.inForce.summary, to: decision.mix.summary, reason: decision.reason))
                }
                state = state.beginning(transition)
            }
        }
        // Execute what the transition in flight allows now; several steps may complete at once.
        while let transition = state.transition, !transition.isFinished {
            let action = runner.next(transition, ready: ready, at: now)
            if case .wait = action { break }
            if case .rollBack(_, let reason) = action {
                switches.append(ReplaySwitch(t: t, from: transition.to.summary, to: state.inForce.summary, reason: "rolled back: " + reason))
            }
            state = state.after(action, at: now, runner: runner)
        }
        weights = fleet.units.map { state.inForce.weights[$0.name] ?? 0 }
    }

    /// The model's standby policy, with the shortages observed so far as its history.
    private func standby(at now: Date) -> StandbyInput {
        let policy = fleet.model.routing.standby
        guard policy == .auto else { return StandbyInput(policy: policy, history: .none()) }
        let window = ShortageHistory.defaultWindowSeconds
        return StandbyInput(
            policy: policy, history: ShortageHistory(signals: Array(signals[..<nextSignal]), windowSeconds: window, now: now))
    }
}

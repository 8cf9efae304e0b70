import Foundation
import Testing
@testable import SwitchyardCore

/// Times are seconds after an arbitrary origin, passed in by hand.
private func at(_ seconds: Double) -> Date { Date(timeIntervalSince1970: 1_700_000_000 + seconds) }

private func signal(_ pool: String, _ condition: CapacityCondition, _ seconds: Double) -> CapacitySignal {
    CapacitySignal(
        pool: pool, condition: condition, source: .karpenterEvent,
        reason: condition == .short ? "InsufficientCapacityError" : "Launched",
        observedAt: at(seconds), evidence: "nodeclaim in \(pool)"
    )
}

/// sd21 spreads its cost configuration over both pools; bert runs only on nvidia.
private let costPools: [String: Set<String>] = ["sd21": ["amd-neuron", "amd-nvidia"], "bert": ["amd-nvidia"]]

@Suite("Failover state machine")
struct FailoverStateMachineTests {
    let machine = FailoverStateMachine(settings: FailoverSettings(holdTime: 600, minimumDwell: 60))

    /// Runs passes in order, returning the final state and every transition.
    func run(
        _ passes: [(Double, [CapacitySignal])], from state: FailoverState = FailoverState(),
        using machine: FailoverStateMachine? = nil
    ) -> (FailoverState, [FailoverTransition]) {
        let machine = machine ?? self.machine
        var state = state
        var transitions: [FailoverTransition] = []
        for (seconds, signals) in passes {
            let decision = machine.step(state, signals: signals, costPools: costPools, at: at(seconds))
            state = decision.state
            transitions += decision.transitions
        }
        return (state, transitions)
    }

    @Test("a shortage in a cost pool switches the model to capacity with the evidence")
    func shortageSwitches() throws {
        let (state, transitions) = run([(0, []), (100, [signal("amd-neuron", .short, 95)])])
        let transition = try #require(transitions.first)
        #expect(transitions.count == 1)
        #expect(transition.model == "sd21")
        #expect(transition.from == .cost && transition.to == .capacity)
        #expect(transition.at == at(100))
        #expect(transition.reason == .poolShort)
        #expect(transition.evidence.map(\.pool) == ["amd-neuron"])
        #expect(transition.detail.contains("amd-neuron"))
        #expect(state.routing(of: "sd21").configuration == .capacity)
        #expect(state.routing(of: "sd21").since == at(100))
        #expect(state.health(of: "amd-neuron") == .short(since: at(95), evidence: signal("amd-neuron", .short, 95), sources: [.karpenterEvent]))
        #expect(state.routing(of: "bert").configuration == .cost)
    }

    @Test("a model configured for optimal fails over to optimal without the short pool")
    func optimalTarget() throws {
        let machine = FailoverStateMachine(settings: FailoverSettings(targets: ["sd21": .optimalWithoutShortPools]))
        let (state, transitions) = run([(100, [signal("amd-neuron", .short, 100)])], using: machine)
        #expect(transitions.map(\.to) == [.optimalWithout(pools: ["amd-neuron"])])
        #expect(state.routing(of: "sd21").configuration.strategy == .optimal)
        #expect(state.routing(of: "sd21").configuration.excludedPools == ["amd-neuron"])
    }

    @Test("configurations encode as one string and round-trip")
    func configurationCoding() throws {
        let configurations: [ModelConfiguration] = [.cost, .capacity, .optimal(without: ["b", "a", "b"])]
        let data = try JSONEncoder().encode(configurations)
        #expect(String(decoding: data, as: UTF8.self) == #"["cost","capacity","optimal-without:a,b"]"#)
        #expect(try JSONDecoder().decode([ModelConfiguration].self, from: data) == configurations)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([ModelConfiguration].self, from: Data(#"["fast"]"#.utf8)) }
    }

    @Test("settings take each model's failover strategy from its routing settings")
    func settingsFromModels() {
        let slo = ServiceLevelObjective(latencyThresholdMs: 900)
        let settings = FailoverSettings(models: [
            ServedModel(name: "sd21", slo: slo, routing: RoutingSettings(failoverStrategy: .optimal)),
            ServedModel(name: "bert", slo: slo, routing: RoutingSettings(failoverStrategy: .capacity)),
        ])
        #expect(settings.target(for: "sd21") == .optimalWithoutShortPools)
        #expect(settings.target(for: "bert") == .capacity)
        #expect(settings.target(for: "unknown") == .capacity)
        #expect(settings.holdTime == 600 && settings.minimumDwell == 60)
    }

    @Test("flapping inside the hold time never switches back; each new shortage restarts the hold")
    func flappingDoesNotSwitchBack() {
        let (state, transitions) = run([
            (0, [signal("amd-neuron", .short, 0)]),
            (300, [signal("amd-neuron", .recovered, 300)]),
            (800, [signal("amd-neuron", .short, 800)]),
            (900, [signal("amd-neuron", .recovered, 900)]),
            // 600 s after the first recovery, but only 400 s after the last one.
            (1300, []),
            (1499, []),
        ])
        #expect(transitions.map(\.to) == [.capacity])
        #expect(state.routing(of: "sd21").configuration == .capacity)
        if case .recovering(let healthySince, _) = state.health(of: "amd-neuron") {
            #expect(healthySince == at(900))
        } else {
            Issue.record("amd-neuron should be recovering, is \(state.health(of: "amd-neuron"))")
        }
    }

    @Test("recovery held for the hold time switches back to cost, at the first pass after it")
    func recoverySwitchesBack() throws {
        let (state, transitions) = run([
            (0, [signal("amd-neuron", .short, 0)]),
            (120, [signal("amd-neuron", .recovered, 120)]),
            (719, []),
            (720, []),
            (730, []),
        ])
        #expect(transitions.map(\.to) == [.capacity, .cost])
        let back = try #require(transitions.last)
        #expect(back.at == at(720))
        #expect(back.reason == .poolsRecovered)
        #expect(back.evidence.contains(signal("amd-neuron", .recovered, 120)))
        #expect(state.health(of: "amd-neuron") == .healthy)
        #expect(state.routing(of: "sd21").configuration == .cost)
    }

    @Test("a switch due inside the minimum dwell waits for it")
    func dwellRespected() {
        let machine = FailoverStateMachine(settings: FailoverSettings(holdTime: 10, minimumDwell: 60))
        let (_, transitions) = run([
            (0, [signal("amd-neuron", .short, 0)]),
            (5, [signal("amd-neuron", .recovered, 5)]),
            (20, []),  // held 15 s > hold time, but only 20 s since the switch
            (59, []),
            (60, []),
            (61, []),
        ], using: machine)
        #expect(transitions.map(\.to) == [.capacity, .cost])
        #expect(transitions.map(\.at) == [at(0), at(60)])
        for (earlier, later) in zip(transitions, transitions.dropFirst()) {
            #expect(later.at.timeIntervalSince(earlier.at) >= 60)
        }
    }

    /// The state with a model's pin set (nil: removed), as the store records an operator's pin.
    static func pinning(_ model: String, to configuration: ModelConfiguration?, in state: FailoverState) -> FailoverState {
        var next = state
        var routing = next.routing(of: model)
        routing.pin = configuration
        next.models[model] = routing
        return next
    }

    @Test("a pin overrides both the shortage and the recovery until it is removed")
    func pinOverrides() {
        var state = Self.pinning("sd21", to: .cost, in: FailoverState())
        var transitions: [FailoverTransition] = []
        (state, transitions) = run([(0, [signal("amd-neuron", .short, 0)]), (100, [])], from: state)
        #expect(transitions.isEmpty)
        #expect(state.routing(of: "sd21").configuration == .cost)

        state = Self.pinning("sd21", to: .capacity, in: state)
        var later: [FailoverTransition] = []
        (state, later) = run([
            (200, []),
            (300, [signal("amd-neuron", .recovered, 300)]),
            (2000, []),
        ], from: state)
        #expect(later.map(\.to) == [.capacity])
        #expect(later.first?.reason == .pinned)
        #expect(state.routing(of: "sd21").configuration == .capacity)

        state = Self.pinning("sd21", to: nil, in: state)
        (state, later) = run([(2100, [])], from: state)
        #expect(later.map(\.to) == [.cost])
        #expect(later.first?.reason == .unpinned)
    }

    @Test("a shortage in a pool the model does not use changes nothing for it")
    func unusedPoolChangesNothing() {
        let (state, transitions) = run([(0, [signal("amd-neuron", .short, 0)]), (100, [])])
        #expect(!transitions.contains { $0.model == "bert" })
        #expect(state.routing(of: "bert") == ModelRouting(model: "bert"))
        let (other, none) = run([(0, [signal("arm-graviton", .short, 0)]), (100, [])])
        #expect(none.isEmpty)
        #expect(other.health(of: "arm-graviton").isShort)
    }

    @Test("stepping twice at the same time with the same inputs gives no new transitions")
    func idempotent() {
        let signals = [signal("amd-neuron", .short, 10), signal("amd-nvidia", .short, 12)]
        let first = machine.step(FailoverState(), signals: signals, costPools: costPools, at: at(20))
        let second = machine.step(first.state, signals: signals, costPools: costPools, at: at(20))
        #expect(first.transitions.count == 2)
        #expect(second.transitions.isEmpty)
        #expect(second.state == first.state)
    }

    @Test("two models sharing a pool both fail over, and return independently of unrelated pools")
    func sharedPool() {
        let (state, transitions) = run([
            (0, [signal("amd-nvidia", .short, 0)]),
            (100, [signal("amd-neuron", .short, 100)]),
            (200, [signal("amd-nvidia", .recovered, 200)]),
            (800, []),
        ])
        #expect(transitions.filter { $0.at == at(0) }.map(\.model) == ["bert", "sd21"])
        // bert only needs nvidia back; sd21 still waits for neuron.
        #expect(transitions.filter { $0.at == at(800) }.map(\.model) == ["bert"])
        #expect(state.routing(of: "bert").configuration == .cost)
        #expect(state.routing(of: "sd21").configuration == .capacity)
    }

    @Test("a model missing from the cost pools of a pass keeps its routing")
    func unlistedModelUntouched() {
        let (failedOver, _) = run([(0, [signal("amd-neuron", .short, 0)])])
        let decision = machine.step(
            failedOver, signals: [signal("amd-neuron", .recovered, 10)], costPools: ["bert": ["amd-nvidia"]], at: at(5000)
        )
        #expect(decision.transitions.isEmpty)
        #expect(decision.state.routing(of: "sd21").configuration == .capacity)
        #expect(decision.state.health(of: "amd-neuron") == .healthy)
    }

    @Test("a stale signal does not undo newer evidence")
    func staleSignalIgnored() {
        let state = machine.apply([signal("amd-neuron", .short, 100), signal("amd-neuron", .recovered, 50)], to: FailoverState())
        #expect(state.health(of: "amd-neuron").isShort)
        let late = machine.apply(signal("amd-neuron", .recovered, 90), to: state)
        #expect(late.health(of: "amd-neuron").isShort)
    }

    @Test("a failed push keeps the previous routing, and the next pass proposes the switch again")
    func failedPushIsRetried() throws {
        let previous = FailoverState()
        let decision = machine.step(previous, signals: [signal("amd-neuron", .short, 0)], costPools: costPools, at: at(0))
        #expect(decision.transitions.map(\.model) == ["sd21"])
        let committed = decision.state(afterFailedPushes: ["sd21"], previous: previous)
        #expect(committed.routing(of: "sd21").configuration == .cost)
        #expect(committed.health(of: "amd-neuron").isShort)

        let retry = machine.step(committed, signals: [], costPools: costPools, at: at(5))
        #expect(retry.transitions.map(\.to) == [.capacity])
        #expect(retry.transitions.first?.at == at(5))
    }

    @Test("a pool stays short while any source says so: one source's recovery does not cancel another's shortage")
    func evidencePerSource() {
        func from(_ source: CapacitySignalSource, _ condition: CapacityCondition, _ seconds: Double) -> CapacitySignal {
            CapacitySignal(pool: "amd-neuron", condition: condition, source: source, reason: "test", observedAt: at(seconds))
        }
        // Pending pods say short, then a Karpenter ICE event; the pods are deleted (a scale-down) and the pending-pods
        // observer reports recovered: Karpenter still says short, so the pool stays short and sd21 stays failed over.
        let (state, transitions) = run([
            (10, [from(.pendingPods, .short, 10)]),
            (20, [from(.karpenterEvent, .short, 20)]),
            (60, [from(.pendingPods, .recovered, 60)]),
            (2_000, []),
        ])
        #expect(state.health(of: "amd-neuron").isShort)
        #expect(state.health(of: "amd-neuron").shortSources == [.karpenterEvent])
        #expect(state.routing(of: "sd21").configuration == .capacity)
        #expect(transitions.count == 1)

        // Once Karpenter's observer reports recovered too (after its quiet period), the pool recovers and, after the
        // hold time, sd21 goes back to cost.
        let (recovered, back) = run([(2_100, [from(.karpenterEvent, .recovered, 2_100)]), (2_800, [])], from: state)
        #expect(recovered.health(of: "amd-neuron").isHealthy)
        #expect(back.map(\.to) == [.cost])
    }

    @Test("an operator's recovered overrides every source")
    func operatorOverrides() {
        let short = CapacitySignal(pool: "amd-neuron", condition: .short, source: .karpenterEvent, reason: "ICE", observedAt: at(10))
        let pods = CapacitySignal(pool: "amd-neuron", condition: .short, source: .pendingPods, reason: "Pending", observedAt: at(11))
        let cleared = CapacitySignal(pool: "amd-neuron", condition: .recovered, source: .operator, reason: "fixed", observedAt: at(50))
        let (state, _) = run([(20, [short, pods]), (60, [cleared])])
        guard case .recovering(let since, _) = state.health(of: "amd-neuron") else {
            Issue.record("expected recovering, got \(state.health(of: "amd-neuron"))")
            return
        }
        #expect(since == at(50))
    }

    @Test("pool health reads and writes with its sources; a stored short state without them reads by its evidence")
    func healthCoding() throws {
        let evidence = signal("amd-neuron", .short, 5)
        let health = PoolHealth.short(since: at(5), evidence: evidence, sources: [.karpenterEvent, .pendingPods])
        let encoder = JSONEncoder()
        let decoded = try JSONDecoder().decode(PoolHealth.self, from: try encoder.encode(health))
        #expect(decoded == health)
        let legacy = #"{"short":{"since":0,"evidence":\#(String(decoding: try encoder.encode(evidence), as: UTF8.self))}}"#
        #expect(try JSONDecoder().decode(PoolHealth.self, from: Data(legacy.utf8)).shortSources == [.karpenterEvent])
        #expect(try JSONDecoder().decode(PoolHealth.self, from: try encoder.encode(PoolHealth.healthy)) == .healthy)
    }
}

import Foundation
@testable import SwitchyardCore
import Testing

/// Values at and beyond the documented bounds: the validator refuses what is out of range, naming the field,
/// and the planner, renderer and replay never trap on what an older store may still hold.
@Suite("Domain bounds")
struct DomainBoundsTests {
    static let model = ValidationTests.model
    static let unit = ValidationTests.unit
    static let pool = ValidationTests.pool
    static let instanceType = ValidationTests.instanceType

    /// The demo fleet with one of sd21-inf2's fields replaced, as a store written before the bounds could hold it.
    static func demoFleet(breakingPoint: Double? = nil, demand: Double? = nil) -> Fleet {
        var fleet = DemoFleet.fleet
        if let breakingPoint, let index = fleet.units.firstIndex(where: { $0.name == "sd21-inf2" }) {
            fleet.units[index].manualBreakingPointRPS = breakingPoint
        }
        if let demand, let index = fleet.models.firstIndex(where: { $0.name == "sd21" }) {
            fleet.models[index].expectedDemandRPS = demand
        }
        return fleet
    }

    @Test(
        "conversions of computed doubles saturate instead of trapping",
        arguments: [
            (3.7, 3), (-3.7, -3), (0, 0), (Double.nan, 0), (Double.infinity, 9_007_199_254_740_992),
            (-Double.infinity, -9_007_199_254_740_992), (1e308, 9_007_199_254_740_992),
        ])
    func saturating(value: Double, expected: Int) {
        #expect(Int(saturating: value) == expected)
    }

    @Test("every number at its documented bound is accepted; just beyond it is refused, naming the field")
    func numbersAtTheEdge() {
        var unit = Self.unit
        unit.manualBreakingPointRPS = DomainLimits.maxRPS
        unit.minReplicas = 0
        unit.maxReplicas = DomainLimits.maxReplicas
        #expect(FleetValidator.violations(of: unit).isEmpty)
        unit.manualBreakingPointRPS = 1e308
        unit.maxReplicas = DomainLimits.maxReplicas + 1
        #expect(FleetValidator.violations(of: unit).map(\.field) == ["maxReplicas", "manualBreakingPointRPS"])
        unit.manualBreakingPointRPS = 1e-300
        unit.maxReplicas = 10
        #expect(FleetValidator.violations(of: unit).map(\.field) == ["manualBreakingPointRPS"])

        var model = Self.model
        model.expectedDemandRPS = DomainLimits.maxRPS
        model.slo.latencyThresholdMs = DomainLimits.maxLatencyMs
        #expect(FleetValidator.violations(of: model).isEmpty)
        model.expectedDemandRPS = 1.7e308
        model.slo.latencyThresholdMs = DomainLimits.maxLatencyMs * 2
        #expect(FleetValidator.violations(of: model).map(\.field) == ["slo.latencyThresholdMs", "expectedDemandRPS"])

        var instanceType = Self.instanceType
        instanceType.prices[0].hourlyUSD = DomainLimits.maxHourlyUSD
        #expect(FleetValidator.violations(of: instanceType).isEmpty)
        instanceType.prices[0].hourlyUSD = 1e300
        instanceType.accelerator.count = DomainLimits.maxAcceleratorCount + 1
        instanceType.vcpu = Int.max
        #expect(FleetValidator.violations(of: instanceType).map(\.field) == ["accelerator.count", "vcpu", "prices[0].hourlyUSD"])

        var pool = Self.pool
        pool.limits = PoolLimits(cpu: Int.max, memoryGiB: .infinity, accelerators: -1, nodes: DomainLimits.maxPoolCount)
        #expect(FleetValidator.violations(of: pool).map(\.field) == ["limits.cpu", "limits.memoryGiB", "limits.accelerators"])

        var run = ValidationTests.run
        run.samples[0].throughputRPS = 1e308
        run.samples[0].p99Ms = 1e308
        #expect(FleetValidator.violations(of: run).map(\.field) == ["samples[0].throughputRPS", "samples[0].p99Ms"])
    }

    @Test(
        "taint keys and values must be what Kubernetes accepts",
        arguments: [
            ("nvidia.com/gpu", "true", true), ("dedicated", "", true), ("example.com/a_b.c-d", "X_1", true),
            ("a\u{9B}b", "v", false), ("nvidia.com/", "v", false), ("/gpu", "v", false), ("a/b/c", "v", false),
            ("Example.com/gpu", "v", false), ("gpu", "with space", false), ("gpu", "tab\t", false),
            ("gpu", String(repeating: "v", count: 64), false), (String(repeating: "k", count: 64), "v", false), ("", "v", false),
        ])
    func taints(key: String, value: String, valid: Bool) {
        var pool = Self.pool
        pool.taints = [Taint(key: key, value: value, effect: .noSchedule)]
        let fields = FleetValidator.violations(of: pool).map(\.field)
        #expect(fields.isEmpty == valid)
        #expect(fields.allSatisfy { $0.hasPrefix("taints[0].") })
    }

    @Test("strings rendered into labels, requirements, images and probes are checked, each naming its field")
    func renderedStrings() {
        var unit = Self.unit
        unit.runtime = "neuron sdk"
        unit.region = "us-west-2\u{85}"
        unit.image = "example.com/sd21:neuron\u{0}"
        unit.healthPath = "/health z"
        #expect(FleetValidator.violations(of: unit).map(\.field) == ["region", "runtime", "image", "healthPath"])

        var pool = Self.pool
        pool.instanceFamilies = ["inf2\u{9B}"]
        pool.gpuNames = ["l4/x"]
        #expect(FleetValidator.violations(of: pool).map(\.field) == ["instanceFamilies[0]", "gpuNames[0]"])

        var model = Self.model
        model.routing.listenerARN = "arn:aws:elasticloadbalancing:us-west-2:1:listener/app/x\u{7F}"
        #expect(FleetValidator.violations(of: model).map(\.field) == ["routing.listenerARN"])
    }

    @Test("the planner keeps every number finite at the largest demand and breaking point the bounds allow")
    func plannerAtTheEdge() throws {
        let fleet = Self.demoFleet(breakingPoint: DomainLimits.maxRPS, demand: DomainLimits.maxRPS)
        let model = try #require(fleet.models.first { $0.name == "sd21" })
        for strategy in StrategyKind.allCases {
            let plan = RoutingPlanner().plan(
                PlanningInput(fleet: fleet, model: model, strategy: strategy, headroom: DomainLimits.headroom.upperBound))
            #expect(!plan.entries.isEmpty)
            // JSONEncoder refuses infinities and NaN: a plan that encodes has none.
            _ = try JSONEncoder().encode(plan)
        }
    }

    @Test("a replay over a stored breaking point of 1e308 or 1e-300 completes instead of trapping")
    func replayWithExtremeBreakingPoints() throws {
        for breakingPoint in [1e308, 1e-300, Double.greatestFiniteMagnitude] {
            let scenario = ReplayScenario(
                name: "extreme", fleet: Self.demoFleet(breakingPoint: breakingPoint), model: "sd21",
                demand: DemandTrace.generate([.constant(rps: 500)], duration: 3_600), durationSeconds: 3_600)
            let report = try ReplaySimulator().run(scenario)
            #expect(report.results.count == ReplayStrategy.allCases.count)
            #expect(report.results.allSatisfy { $0.totalCostUSD.isFinite })
        }
    }

    @Test("a replay longer than the step limit is refused before any trace is generated")
    func replayStepLimit() throws {
        let request = ReplayRequest(model: "sd21", patterns: ["constant:100"], duration: "1000000d")
        let started = ContinuousClock.now
        #expect(throws: ReplayError.tooManySteps(steps: 8_640_000_000, limit: ReplaySimulator.defaultMaxSteps)) {
            _ = try request.scenario(fleet: DemoFleet.fleet)
        }
        #expect(ContinuousClock.now - started < .seconds(1))

        let small = ReplayRequest(model: "sd21", patterns: ["constant:100"], duration: "1h", step: "10s")
        #expect(throws: ReplayError.tooManySteps(steps: 360, limit: 100)) {
            _ = try small.scenario(fleet: DemoFleet.fleet, maxSteps: 100)
        }
        let scenario = try small.scenario(fleet: DemoFleet.fleet, maxSteps: 360)
        #expect(throws: ReplayError.tooManySteps(steps: 360, limit: 359)) {
            _ = try ReplaySimulator(maxSteps: 359).run(scenario)
        }
        #expect(try ReplaySimulator(maxSteps: 360).run(scenario).results.count == ReplayStrategy.allCases.count)
    }

    @Test("replay rates beyond the bound are refused, naming the pattern or line")
    func replayRates() {
        #expect(throws: ReplayError.self) { _ = try ReplaySpec.pattern("constant:1e308") }
        #expect(throws: ReplayError.invalidDemand(line: 2)) { _ = try DemandTrace.parseCSV("0,10\n60,1e308\n") }
        #expect(throws: ReplayError.self) { _ = try ReplaySpec.seconds("1e308d") }
    }

    @Test("a cancelled replay stops within one stride of steps")
    func replayCancellation() throws {
        let scenario = ReplayScenario(
            name: "cancel", fleet: DemoFleet.fleet, model: "sd21",
            demand: DemandTrace.generate([.constant(rps: 500)], duration: 86_400), durationSeconds: 86_400)
        let checks = Counter()
        let simulator = ReplaySimulator(isCancelled: { checks.increment() > 4 })
        #expect(throws: ReplayError.cancelled) { _ = try simulator.run(scenario) }
        // Four checks passed (steps 0, 256, 512 and 768 of the first strategy); the fifth, at step 1024, stopped it.
        #expect(checks.value == 5)
    }

    @Test("a string with C1 controls is written as JSON escapes and reads back unchanged")
    func controlCharactersRoundTrip() throws {
        let text = "a\u{9B}b\u{85}c\u{7F}d\u{FEFF}e"
        let json = JSONValue.object([.init("key", .string(text))]).jsonText(pretty: false)
        #expect(json == #"{"key":"a\u009bb\u0085c\u007fd\ufeffe"}"#)
        let documents = try ManifestSerializer.documents(from: json)
        #expect(documents == [.object([.init("key", .string(text))])])
    }
}

/// A thread-safe count for closures that must be `@Sendable`.
private final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0

    var value: Int { lock.withLock { count } }

    func increment() -> Int {
        lock.withLock {
            count += 1
            return count
        }
    }
}

import Foundation
import SwitchyardCore
import Testing

@Suite("Fleet validation")
struct ValidationTests {
    static let model = ServedModel(name: "sd21", slo: ServiceLevelObjective(latencyThresholdMs: 900, maxUtilization: 0.8))

    static let instanceType = InstanceType(
        name: "inf2.xlarge", family: "inf2",
        accelerator: Accelerator(vendor: "aws", name: "inferentia2", count: 1, memoryGiB: 32),
        deviceResource: "aws.amazon.com/neuron", vcpu: 4, memoryGiB: 16,
        prices: [InstancePrice(region: "us-west-2", capacityType: .onDemand, hourlyUSD: 0.7582)])

    static let pool = CapacityPool(name: "amd-neuron", instanceFamilies: ["inf2"], weight: 10)

    static let unit = DeploymentUnit(
        name: "sd21-inf2", model: "sd21", instanceType: "inf2.xlarge", pool: "amd-neuron", runtime: "neuron",
        image: "example.com/sd21:neuron", kubernetes: KubernetesNames(deployment: "sd21-inf2", service: "sd21-inf2"))

    static let run = BenchmarkRun(
        unit: "sd21-inf2", recordedAt: "2024-05-01T12:00:00.5+02:00",
        samples: [BenchmarkSample(offeredRPS: 100, throughputRPS: 98, p50Ms: 500, p95Ms: 800, p99Ms: 900, errorRate: 0.01, utilization: 0.7)])

    @Test("well-formed values have no violations")
    func validValues() {
        #expect(FleetValidator.violations(of: Self.model).isEmpty)
        #expect(FleetValidator.violations(of: Self.instanceType).isEmpty)
        #expect(FleetValidator.violations(of: Self.pool).isEmpty)
        #expect(FleetValidator.violations(of: Self.unit).isEmpty)
        #expect(FleetValidator.violations(of: Self.run).isEmpty)
    }

    @Test(
        "names follow the DNS-1123-like rule",
        arguments: [
            ("sd21", true), ("inf2.xlarge", true), ("a", true), (String(repeating: "a", count: 63), true),
            ("", false), ("SD21", false), ("-sd21", false), ("sd21.", false), ("sd_21", false), ("sd 21", false),
            (String(repeating: "a", count: 64), false),
        ])
    func names(name: String, valid: Bool) {
        #expect(NameRule.isValid(name) == valid)
        var model = Self.model
        model.name = name
        #expect(FleetValidator.violations(of: model).map(\.field) == (valid ? [] : ["name"]))
    }

    @Test("model SLO bounds name their fields")
    func modelBounds() {
        var model = Self.model
        model.slo.latencyThresholdMs = 0
        model.slo.maxErrorRate = 1.5
        model.slo.maxUtilization = 0
        model.expectedDemandRPS = -1
        model.routing.stickinessSeconds = -5
        #expect(
            FleetValidator.violations(of: model).map(\.field) == [
                "slo.latencyThresholdMs", "slo.maxErrorRate", "slo.maxUtilization", "expectedDemandRPS",
                "routing.stickinessSeconds",
            ])
        model = Self.model
        model.slo.latencyThresholdMs = .nan
        #expect(FleetValidator.violations(of: model).map(\.field) == ["slo.latencyThresholdMs"])
    }

    @Test("negative, NaN and duplicate prices are refused by index")
    func prices() {
        var instanceType = Self.instanceType
        instanceType.prices += [
            InstancePrice(region: "us-east-1", capacityType: .spot, hourlyUSD: -0.1),
            InstancePrice(region: "us-east-1", capacityType: .onDemand, hourlyUSD: .nan),
            InstancePrice(region: "us-west-2", capacityType: .onDemand, hourlyUSD: 1),
        ]
        #expect(
            FleetValidator.violations(of: instanceType).map(\.field) == [
                "prices[1].hourlyUSD", "prices[2].hourlyUSD", "prices[3]",
            ])
        instanceType = Self.instanceType
        instanceType.deviceResource = "gpu"
        instanceType.accelerator.count = 0
        instanceType.vcpu = 0
        #expect(
            FleetValidator.violations(of: instanceType).map(\.field) == ["accelerator.count", "deviceResource", "vcpu"])
    }

    @Test("pool weight must be 1...100 and the consolidation delay a Karpenter duration")
    func pools() {
        for (weight, valid) in [(0, false), (1, true), (100, true), (101, false)] {
            var pool = Self.pool
            pool.weight = weight
            #expect(FleetValidator.violations(of: pool).map(\.field) == (valid ? [] : ["weight"]))
        }
        for (delay, valid) in [("30s", true), ("1h30m", true), ("Never", true), ("", false), ("5", false), ("m5", false), ("5d", false)] {
            var pool = Self.pool
            pool.consolidation.consolidateAfter = delay
            #expect(FleetValidator.violations(of: pool).map(\.field) == (valid ? [] : ["consolidation.consolidateAfter"]))
        }
        var pool = Self.pool
        pool.capacityTypes = []
        pool.limits.accelerators = -1
        #expect(FleetValidator.violations(of: pool).map(\.field) == ["capacityTypes", "limits.accelerators"])
    }

    @Test("unit replica bounds, port, image and paths")
    func units() {
        var unit = Self.unit
        unit.minReplicas = 5
        unit.maxReplicas = 2
        unit.kubernetes.port = 0
        unit.image = "  "
        unit.healthPath = "health"
        unit.manualBreakingPointRPS = 0
        #expect(
            FleetValidator.violations(of: unit).map(\.field) == [
                "image", "minReplicas", "kubernetes.port", "healthPath", "manualBreakingPointRPS",
            ])
        unit = Self.unit
        unit.kubernetes.port = 65_536
        unit.kubernetes.namespace = "a.b"
        #expect(FleetValidator.violations(of: unit).map(\.field) == ["kubernetes.namespace", "kubernetes.port"])
    }

    @Test("latency percentiles must not decrease within a sample, fractions stay in 0...1")
    func samples() {
        var run = Self.run
        run.samples.append(BenchmarkSample(offeredRPS: 120, throughputRPS: 110, p50Ms: 900, p95Ms: 850, p99Ms: 800))
        run.samples.append(BenchmarkSample(offeredRPS: 130, throughputRPS: 110, p50Ms: 900, p95Ms: 950, p99Ms: 990, errorRate: 1.2, utilization: -0.1))
        run.recordedAt = "yesterday"
        #expect(
            FleetValidator.violations(of: run).map(\.field) == [
                "recordedAt", "samples[1].p95Ms", "samples[1].p99Ms", "samples[2].errorRate", "samples[2].utilization",
            ])
        run.samples = []
        run.recordedAt = nil
        #expect(FleetValidator.violations(of: run).map(\.field) == ["samples"])
    }

    @Test("a fleet reports every violation with its section and index, and duplicate names")
    func fleet() {
        var badUnit = Self.unit
        badUnit.minReplicas = 20
        var badModel = Self.model
        badModel.slo.maxErrorRate = -1
        let fleet = Fleet(
            models: [Self.model, badModel], instanceTypes: [Self.instanceType], pools: [Self.pool],
            units: [Self.unit, badUnit], benchmarks: [Self.run])
        #expect(
            FleetValidator.violations(of: fleet).map(\.field) == [
                "models[1].slo.maxErrorRate", "units[1].minReplicas", "models[1].name", "units[1].name",
            ])
    }

    @Test("references resolve within the document or among known names")
    func references() {
        var stray = Self.unit
        stray.name = "stray"
        stray.pool = "elsewhere"
        stray.model = "other"
        var orphanRun = Self.run
        orphanRun.unit = "ghost"
        let fleet = Fleet(
            models: [Self.model], instanceTypes: [], pools: [Self.pool], units: [Self.unit, stray],
            benchmarks: [Self.run, orphanRun])
        let known = FleetValidator.KnownNames(instanceTypes: ["inf2.xlarge"], pools: ["elsewhere"])
        #expect(
            FleetValidator.unresolvedReferences(in: fleet, known: known).map(\.field) == [
                "units[1].model", "benchmarks[1].unit",
            ])
        #expect(
            FleetValidator.unresolvedReferences(in: fleet).map(\.field) == [
                "units[0].instanceType", "units[1].model", "units[1].instanceType", "units[1].pool", "benchmarks[1].unit",
            ])
    }
}

@Suite("Validation: model push and failover settings")
struct RoutingSettingsValidationTests {
    func model(_ routing: RoutingSettings) -> ServedModel {
        ServedModel(name: "sd21", slo: ServiceLevelObjective(latencyThresholdMs: 900), routing: routing)
    }

    @Test("elbv2 needs a listener or rule ARN")
    func elbv2NeedsTarget() {
        let violations = FleetValidator.violations(of: model(RoutingSettings(applier: .elbv2)))
        #expect(violations.map(\.field) == ["routing.listenerARN"])
        let listener = "arn:aws:elasticloadbalancing:us-west-2:111122223333:listener/app/demo/50dc6c495c0c9188/f2f7dc8efc522ab2"
        #expect(FleetValidator.violations(of: model(RoutingSettings(applier: .elbv2, listenerARN: listener))).isEmpty)
    }

    @Test("ARNs must be load balancing ARNs; failover never targets cost")
    func arnsAndFailover() {
        let violations = FleetValidator.violations(of: model(RoutingSettings(ruleARN: "rule-1", failoverStrategy: .cost)))
        #expect(Set(violations.map(\.field)) == ["routing.ruleARN", "routing.failoverStrategy"])
    }

    @Test("defaults decode: a model without push settings goes to files and fails over to capacity")
    func defaultsDecode() throws {
        let json = #"{"name":"m","slo":{"latencyThresholdMs":500}}"#
        let decoded = try JSONDecoder().decode(ServedModel.self, from: Data(json.utf8))
        #expect(decoded.routing.applier == .files)
        #expect(decoded.routing.failoverStrategy == .capacity)
    }
}

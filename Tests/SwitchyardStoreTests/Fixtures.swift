import Foundation
import SwitchyardCore
import SwitchyardStore

/// A small fleet shaped like seed 004: one model, two instance types, two pools, two units.
enum Fixtures {
    static let context = ChangeContext(actor: "alice", requestID: "req-1", reason: "testing")

    static let model = ServedModel(
        name: "sd21", slo: ServiceLevelObjective(latencyPercentile: .p95, latencyThresholdMs: 900, maxUtilization: 0.8),
        expectedDemandRPS: 200, routing: RoutingSettings(defaultStrategy: .cost, stickinessSeconds: 60))

    static let inf2 = InstanceType(
        name: "inf2.xlarge", family: "inf2",
        accelerator: Accelerator(vendor: "aws", name: "inferentia2", count: 1, memoryGiB: 32),
        deviceResource: "aws.amazon.com/neuron", vcpu: 4, memoryGiB: 16,
        prices: [
            InstancePrice(region: "us-west-2", capacityType: .onDemand, hourlyUSD: 0.7582),
            InstancePrice(region: "us-west-2", capacityType: .spot, hourlyUSD: 0.31),
        ])

    static let g5 = InstanceType(
        name: "g5.xlarge", family: "g5", accelerator: Accelerator(vendor: "nvidia", name: "a10g", count: 1, memoryGiB: 24),
        deviceResource: "nvidia.com/gpu", vcpu: 4, memoryGiB: 16,
        prices: [InstancePrice(region: "us-west-2", capacityType: .onDemand, hourlyUSD: 1.006)])

    static let neuronPool = CapacityPool(
        name: "amd-neuron", instanceFamilies: ["inf2", "trn1"], capacityTypes: [.onDemand, .spot],
        limits: PoolLimits(cpu: 1000, accelerators: 64), weight: 50,
        taints: [Taint(key: "aws.amazon.com/neuron", effect: .noSchedule)])

    static let nvidiaPool = CapacityPool(
        name: "amd-nvidia", gpuNames: ["a10g", "l4"], limits: PoolLimits(nodes: 20),
        consolidation: Consolidation(policy: .whenEmpty, consolidateAfter: "30s"))

    static let inf2Unit = DeploymentUnit(
        name: "sd21-inf2", model: "sd21", instanceType: "inf2.xlarge", pool: "amd-neuron", runtime: "neuron",
        image: "example.com/sd21:neuron", minReplicas: 1, maxReplicas: 8,
        kubernetes: KubernetesNames(namespace: "sd", deployment: "sd21-inf2", service: "sd21-inf2", port: 8000))

    static let g5Unit = DeploymentUnit(
        name: "sd21-g5-triton", model: "sd21", instanceType: "g5.xlarge", pool: "amd-nvidia", runtime: "triton",
        image: "example.com/sd21:triton", minReplicas: 0, maxReplicas: 4,
        kubernetes: KubernetesNames(namespace: "sd", deployment: "sd21-g5-triton", service: "sd21-g5-triton"),
        targetGroupARN: "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/sd21-g5/abc",
        manualBreakingPointRPS: 90)

    static func run(unit: String, note: String? = nil, topRPS: Double = 100) -> BenchmarkRun {
        BenchmarkRun(
            unit: unit, recordedAt: "2024-05-01T12:00:00Z", note: note,
            samples: [
                BenchmarkSample(offeredRPS: topRPS / 2, throughputRPS: topRPS / 2, p50Ms: 300, p95Ms: 450, p99Ms: 500,
                                errorRate: 0, utilization: 0.4),
                BenchmarkSample(offeredRPS: topRPS, throughputRPS: topRPS, p50Ms: 600, p95Ms: 880, p99Ms: 950,
                                errorRate: 0.001, utilization: 0.78),
            ])
    }

    static var fleet: Fleet {
        Fleet(
            models: [model], instanceTypes: [g5, inf2], pools: [nvidiaPool, neuronPool], units: [g5Unit, inf2Unit],
            benchmarks: [run(unit: "sd21-g5-triton", note: "first", topRPS: 90), run(unit: "sd21-inf2", topRPS: 105)])
    }

    /// A database holding the model, instance types and pools a unit needs.
    static func databaseWithDependencies() async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try await database.put(model, context: context)
        _ = try await database.put(inf2, context: context)
        _ = try await database.put(g5, context: context)
        _ = try await database.put(neuronPool, context: context)
        _ = try await database.put(nvidiaPool, context: context)
        return database
    }

    static func allEvents(_ database: AppDatabase) async throws -> [AuditEvent] {
        try await database.auditEvents(AuditFilter(), limit: 1000).items
    }
}

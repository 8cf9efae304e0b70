import SwitchyardCore

/// The fleet of seed 004: model sd21 on five units, with the on-demand prices of its Table 1 and the
/// breaking points of its Figure 4 set by hand, plus one benchmark run so documents carry every section.
enum SeedFleet {
    static let breakingPoints: [String: Double] = [
        "sd21-inf2": 105, "sd21-trn1": 130, "sd21-g5-triton": 90, "sd21-g6-triton": 61, "sd21-g5-cuda": 60,
    ]

    static var model: ServedModel {
        ServedModel(
            name: "sd21", slo: ServiceLevelObjective(latencyPercentile: .p95, latencyThresholdMs: 900, maxUtilization: 0.8),
            expectedDemandRPS: 300, routing: RoutingSettings(defaultStrategy: .cost))
    }

    static var instanceTypes: [InstanceType] {
        [
            instanceType("inf2.xlarge", family: "inf2", vendor: "aws", accelerator: "inferentia2", resource: "aws.amazon.com/neuron", price: 0.7582),
            instanceType("trn1.2xlarge", family: "trn1", vendor: "aws", accelerator: "trainium", resource: "aws.amazon.com/neuron", price: 1.3438),
            instanceType("g5.xlarge", family: "g5", vendor: "nvidia", accelerator: "a10g", resource: "nvidia.com/gpu", price: 1.0060),
            instanceType("g6.xlarge", family: "g6", vendor: "nvidia", accelerator: "l4", resource: "nvidia.com/gpu", price: 0.8048),
        ]
    }

    static var pools: [CapacityPool] {
        [
            CapacityPool(name: "neuron", instanceFamilies: ["inf2", "trn1"], limits: PoolLimits(nodes: 20)),
            CapacityPool(name: "nvidia", gpuNames: ["a10g", "l4"], limits: PoolLimits(nodes: 20)),
        ]
    }

    static var units: [DeploymentUnit] {
        [
            unit("sd21-inf2", type: "inf2.xlarge", pool: "neuron", runtime: "neuron"),
            unit("sd21-trn1", type: "trn1.2xlarge", pool: "neuron", runtime: "neuron"),
            unit("sd21-g5-triton", type: "g5.xlarge", pool: "nvidia", runtime: "triton"),
            unit("sd21-g6-triton", type: "g6.xlarge", pool: "nvidia", runtime: "triton"),
            unit("sd21-g5-cuda", type: "g5.xlarge", pool: "nvidia", runtime: "cuda"),
        ]
    }

    static var benchmarks: [BenchmarkRun] {
        [
            BenchmarkRun(
                unit: "sd21-inf2", recordedAt: "2024-11-14T10:00:00Z", note: "breaking point sweep",
                samples: [
                    BenchmarkSample(offeredRPS: 50, throughputRPS: 50, p50Ms: 400, p95Ms: 520, p99Ms: 610, utilization: 0.4),
                    BenchmarkSample(offeredRPS: 110, throughputRPS: 105, p50Ms: 560, p95Ms: 670, p99Ms: 800, utilization: 0.7),
                ])
        ]
    }

    static var fleet: Fleet {
        Fleet(models: [model], instanceTypes: instanceTypes, pools: pools, units: units, benchmarks: benchmarks)
    }

    private static func instanceType(
        _ name: String, family: String, vendor: String, accelerator: String, resource: String, price: Double
    ) -> InstanceType {
        InstanceType(
            name: name, family: family, accelerator: Accelerator(vendor: vendor, name: accelerator, count: 1, memoryGiB: 32),
            deviceResource: resource, vcpu: 4, memoryGiB: 16,
            prices: [InstancePrice(region: "us-west-2", capacityType: .onDemand, hourlyUSD: price)])
    }

    private static func unit(_ name: String, type: String, pool: String, runtime: String) -> DeploymentUnit {
        DeploymentUnit(
            name: name, model: "sd21", instanceType: type, pool: pool, runtime: runtime,
            image: "registry.example/sd21:\(runtime)", minReplicas: 1, maxReplicas: 10,
            kubernetes: KubernetesNames(namespace: "sd21", deployment: name, service: name, port: 8000),
            manualBreakingPointRPS: breakingPoints[name])
    }
}

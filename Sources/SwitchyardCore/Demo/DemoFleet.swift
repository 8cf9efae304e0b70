/// Seed 004's Stable Diffusion fleet: model `sd21` served by five units on Inferentia2, Trainium, A10G and
/// L4, with one benchmark run each whose breaking points under p95 ≤ 900 ms are Table 1's throughputs
/// (105, 130, 90, 61, 60 rps). What `serve --demo` loads and what the planner's tests check the seed against.
public enum DemoFleet {
    public static let region = "us-west-2"
    public static let namespace = "sd21"

    public static var fleet: Fleet {
        Fleet(models: [model], instanceTypes: instanceTypes, pools: pools, units: units, benchmarks: benchmarks)
    }

    /// `sd21`: p95 ≤ 900 ms, ≤ 1 % errors, ≤ 90 % accelerator utilisation, 300 rps expected, routed by cost
    /// with seed 003's 200 s target group stickiness.
    public static var model: ServedModel {
        ServedModel(
            name: "sd21",
            slo: ServiceLevelObjective(latencyPercentile: .p95, latencyThresholdMs: 900, maxErrorRate: 0.01, maxUtilization: 0.9),
            expectedDemandRPS: 300,
            routing: RoutingSettings(defaultStrategy: .cost, stickinessSeconds: 200)
        )
    }

    public static var instanceTypes: [InstanceType] {
        [
            instanceType("inf2.xlarge", family: "inf2", vendor: "aws", accelerator: "inferentia2", acceleratorGiB: 32,
                         device: "aws.amazon.com/neuron", vcpu: 4, memoryGiB: 16, hourly: 0.7582),
            instanceType("trn1.2xlarge", family: "trn1", vendor: "aws", accelerator: "trainium", acceleratorGiB: 32,
                         device: "aws.amazon.com/neuron", vcpu: 8, memoryGiB: 32, hourly: 1.3438),
            instanceType("g5.xlarge", family: "g5", vendor: "nvidia", accelerator: "a10g", acceleratorGiB: 24,
                         device: "nvidia.com/gpu", vcpu: 4, memoryGiB: 16, hourly: 1.0060),
            instanceType("g6.xlarge", family: "g6", vendor: "nvidia", accelerator: "l4", acceleratorGiB: 24,
                         device: "nvidia.com/gpu", vcpu: 4, memoryGiB: 16, hourly: 0.8048),
        ]
    }

    /// `amd-neuron` selects by instance family, `amd-nvidia` by GPU name, as in seed 004's NodePools; each
    /// is tainted for its device so only accelerated pods land there.
    public static var pools: [CapacityPool] {
        [
            CapacityPool(
                name: "amd-neuron", instanceFamilies: ["inf2", "trn1"],
                limits: PoolLimits(cpu: 256, memoryGiB: 1024, accelerators: 32, nodes: 32),
                taints: [Taint(key: "aws.amazon.com/neuron", value: "true", effect: .noSchedule)]
            ),
            CapacityPool(
                name: "amd-nvidia", gpuNames: ["a10g", "l4"],
                limits: PoolLimits(cpu: 256, memoryGiB: 1024, accelerators: 32, nodes: 32),
                taints: [Taint(key: "nvidia.com/gpu", value: "true", effect: .noSchedule)]
            ),
        ]
    }

    /// The units, named as seed 004's forward config names their services.
    public static var units: [DeploymentUnit] {
        [
            unit("sd21-inf2", instanceType: "inf2.xlarge", pool: "amd-neuron", runtime: "neuron"),
            unit("sd21-trn1", instanceType: "trn1.2xlarge", pool: "amd-neuron", runtime: "neuron"),
            unit("sd21-g5-triton", instanceType: "g5.xlarge", pool: "amd-nvidia", runtime: "triton"),
            unit("sd21-g6-triton", instanceType: "g6.xlarge", pool: "amd-nvidia", runtime: "triton"),
            unit("sd21-g5-cuda", instanceType: "g5.xlarge", pool: "amd-nvidia", runtime: "cuda"),
        ]
    }

    private static func instanceType(
        _ name: String, family: String, vendor: String, accelerator: String, acceleratorGiB: Double,
        device: String, vcpu: Int, memoryGiB: Double, hourly: Double
    ) -> InstanceType {
        InstanceType(
            name: name, family: family,
            accelerator: Accelerator(vendor: vendor, name: accelerator, count: 1, memoryGiB: acceleratorGiB),
            deviceResource: device, vcpu: vcpu, memoryGiB: memoryGiB,
            prices: [InstancePrice(region: region, capacityType: .onDemand, hourlyUSD: hourly)]
        )
    }

    private static func unit(_ name: String, instanceType: String, pool: String, runtime: String) -> DeploymentUnit {
        DeploymentUnit(
            name: name, model: "sd21", instanceType: instanceType, pool: pool, region: region,
            capacityType: .onDemand, runtime: runtime, image: "public.ecr.aws/switchyard-demo/sd21:\(runtime)",
            minReplicas: 1, maxReplicas: 10,
            kubernetes: KubernetesNames(namespace: namespace, deployment: name, service: name, port: 8000)
        )
    }
}

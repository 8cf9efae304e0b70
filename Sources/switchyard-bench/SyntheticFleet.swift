import SwitchyardCore

/// A deterministic fleet shaped like seed 004's, scaled up: models with p95 SLOs, units over a handful of
/// accelerator instance types and pools, each unit with one benchmark run climbing to a breaking point.
struct SyntheticFleet {
    let instanceTypes: [String: InstanceType]
    let pools: [String: CapacityPool]

    private static let catalogue: [(name: String, family: String, accelerator: String, vcpu: Int, memory: Double, count: Int, hourly: Double)] = [
        ("inf2.xlarge", "inf2", "inferentia2", 4, 16, 1, 0.7582),
        ("inf2.8xlarge", "inf2", "inferentia2", 32, 128, 1, 1.9679),
        ("trn1.2xlarge", "trn1", "trainium", 8, 32, 1, 1.3438),
        ("g5.xlarge", "g5", "a10g", 4, 16, 1, 1.0060),
        ("g5.2xlarge", "g5", "a10g", 8, 32, 1, 1.2120),
        ("g6.xlarge", "g6", "l4", 4, 16, 1, 0.8048),
        ("g6.2xlarge", "g6", "l4", 8, 32, 1, 0.9776),
        ("g6e.xlarge", "g6e", "l40s", 4, 32, 1, 1.8610),
    ]

    init() {
        var types: [String: InstanceType] = [:]
        for entry in Self.catalogue {
            types[entry.name] = InstanceType(
                name: entry.name, family: entry.family,
                accelerator: Accelerator(vendor: entry.family.hasPrefix("g") ? "nvidia" : "aws", name: entry.accelerator, count: entry.count, memoryGiB: 24),
                deviceResource: entry.family.hasPrefix("g") ? "nvidia.com/gpu" : "aws.amazon.com/neuron",
                vcpu: entry.vcpu, memoryGiB: entry.memory,
                prices: [
                    InstancePrice(region: "us-west-2", capacityType: .onDemand, hourlyUSD: entry.hourly),
                    InstancePrice(region: "us-west-2", capacityType: .spot, hourlyUSD: entry.hourly * 0.4),
                ]
            )
        }
        instanceTypes = types
        pools = [
            "neuron": CapacityPool(name: "neuron", instanceFamilies: ["inf2", "trn1"], limits: PoolLimits(cpu: 1024, accelerators: 64, nodes: 64)),
            "nvidia": CapacityPool(name: "nvidia", gpuNames: ["a10g", "l4"], limits: PoolLimits(cpu: 1024, accelerators: 64, nodes: 64)),
            "nvidia-large": CapacityPool(name: "nvidia-large", gpuNames: ["l40s"], limits: PoolLimits(accelerators: 24)),
        ]
    }

    private func pool(for type: String) -> String {
        if type.hasPrefix("inf") || type.hasPrefix("trn") { return "neuron" }
        return type.hasPrefix("g6e") ? "nvidia-large" : "nvidia"
    }

    /// The planning input of model `index` with `unitCount` units, the same for the same arguments.
    func input(model index: Int, unitCount: Int, strategy: StrategyKind) -> PlanningInput {
        var random = SeededGenerator(seed: 0x5EED &+ UInt64(index) &* 1_000_003 &+ UInt64(unitCount))
        let modelName = "model-\(index)"
        let threshold = Double(Int.random(in: 3...12, using: &random)) * 100
        let model = ServedModel(
            name: modelName,
            slo: ServiceLevelObjective(latencyPercentile: .p95, latencyThresholdMs: threshold, maxErrorRate: 0.01, maxUtilization: 0.9),
            expectedDemandRPS: Double(Int.random(in: 20...1500, using: &random))
        )
        var units: [DeploymentUnit] = []
        var benchmarks: [String: [BenchmarkRun]] = [:]
        let typeNames = Self.catalogue.map(\.name)
        for slot in 0..<unitCount {
            let type = typeNames.randomElement(using: &random)!
            let name = "\(modelName)-u\(slot)"
            let minimum = Int.random(in: 0...2, using: &random)
            units.append(DeploymentUnit(
                name: name, model: modelName, instanceType: type, pool: pool(for: type),
                capacityType: Int.random(in: 0..<5, using: &random) == 0 ? .spot : .onDemand,
                runtime: ["neuron", "triton", "cuda", "vllm"].randomElement(using: &random)!, image: "img:\(slot)",
                minReplicas: minimum, maxReplicas: Int.random(in: max(minimum, 2)...12, using: &random),
                kubernetes: KubernetesNames(namespace: modelName, deployment: name, service: name),
                enabled: Int.random(in: 0..<40, using: &random) != 0
            ))
            // One unit in twenty has no benchmark and stays unrated.
            if Int.random(in: 0..<20, using: &random) != 0 {
                benchmarks[name] = [run(unit: name, threshold: threshold, random: &random)]
            }
        }
        let short: Set<String> = Int.random(in: 0..<10, using: &random) == 0 ? ["neuron"] : []
        return PlanningInput(
            model: model, units: units, instanceTypes: instanceTypes, pools: pools, benchmarks: benchmarks,
            shortPools: short, strategy: strategy
        )
    }

    /// Throughput follows offered load to a knee, then flattens while latency climbs past the threshold.
    private func run(unit: String, threshold: Double, random: inout SeededGenerator) -> BenchmarkRun {
        let knee = Double(Int.random(in: 30...160, using: &random))
        let steps = Int.random(in: 6...10, using: &random)
        let samples = (1...steps).map { step -> BenchmarkSample in
            let offered = knee * 1.4 * Double(step) / Double(steps)
            let throughput = offered <= knee ? offered : knee + (offered - knee) * 0.15
            let load = offered / knee
            let p95 = threshold * (0.45 + 0.5 * load * load)
            return BenchmarkSample(
                offeredRPS: offered, throughputRPS: throughput, p50Ms: p95 * 0.7, p95Ms: p95, p99Ms: p95 * 1.3,
                errorRate: load > 1.1 ? 0.02 : 0.001, utilization: min(1, 0.8 * load)
            )
        }
        return BenchmarkRun(unit: unit, recordedAt: "2024-11-12T18:00:00Z", samples: samples)
    }
}

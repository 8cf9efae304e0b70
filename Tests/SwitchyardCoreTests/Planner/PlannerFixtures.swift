import SwitchyardCore

/// Small fleets for planner tests: units rated by hand (manual breaking points) unless a test needs runs.
enum PlannerFixtures {
    static let slo = ServiceLevelObjective(latencyPercentile: .p95, latencyThresholdMs: 900, maxErrorRate: 0.01, maxUtilization: 0.9)

    static func model(demand: Double? = nil) -> ServedModel {
        ServedModel(name: "m", slo: slo, expectedDemandRPS: demand)
    }

    static func instanceType(_ name: String, hourly: Double?, spot: Double? = nil, vcpu: Int = 4, memoryGiB: Double = 16) -> InstanceType {
        var prices: [InstancePrice] = []
        if let hourly { prices.append(InstancePrice(region: "us-west-2", capacityType: .onDemand, hourlyUSD: hourly)) }
        if let spot { prices.append(InstancePrice(region: "us-west-2", capacityType: .spot, hourlyUSD: spot)) }
        return InstanceType(
            name: name, family: String(name.prefix { $0 != "." }),
            accelerator: Accelerator(vendor: "nvidia", name: "a10g", count: 1, memoryGiB: 24),
            deviceResource: "nvidia.com/gpu", vcpu: vcpu, memoryGiB: memoryGiB, prices: prices
        )
    }

    static func unit(
        _ name: String, type: String, pool: String = "p", breakingPoint: Double?, min: Int = 1, max: Int = 10,
        enabled: Bool = true, capacityType: CapacityType = .onDemand
    ) -> DeploymentUnit {
        DeploymentUnit(
            name: name, model: "m", instanceType: type, pool: pool, capacityType: capacityType, runtime: "triton",
            image: "img", minReplicas: min, maxReplicas: max,
            kubernetes: KubernetesNames(deployment: name, service: name), manualBreakingPointRPS: breakingPoint,
            enabled: enabled
        )
    }

    /// One instance type per unit, named after it, at the given hourly price.
    static func input(
        _ specs: [(name: String, breakingPoint: Double?, hourly: Double?)], strategy: StrategyKind,
        demand: Double? = nil, shortPools: Set<String> = [], pools: [CapacityPool] = [CapacityPool(name: "p")],
        weightTotal: Int = 100, headroom: Double = 0.2
    ) -> PlanningInput {
        let types = specs.map { instanceType("\($0.name).type", hourly: $0.hourly) }
        return PlanningInput(
            model: model(), units: specs.map { unit($0.name, type: "\($0.name).type", breakingPoint: $0.breakingPoint) },
            instanceTypes: Dictionary(uniqueKeysWithValues: types.map { ($0.name, $0) }),
            pools: Dictionary(uniqueKeysWithValues: pools.map { ($0.name, $0) }), benchmarks: [:],
            shortPools: shortPools, strategy: strategy, demandRPS: demand, headroom: headroom, weightTotal: weightTotal
        )
    }

    static func demoInput(_ strategy: StrategyKind, demand: Double? = nil, shortPools: Set<String> = []) -> PlanningInput {
        PlanningInput(fleet: DemoFleet.fleet, model: DemoFleet.model, strategy: strategy, shortPools: shortPools, demandRPS: demand)
    }

    /// Seed 004's Table 1, as the seed prints it: unit, hourly price, throughput, cost of inference per second.
    static let table1: [(unit: String, hourly: Double, throughput: Double, printedCost: Double)] = [
        ("sd21-inf2", 0.7582, 105, 0.00733),
        ("sd21-trn1", 1.3438, 130, 0.01023),
        ("sd21-g5-triton", 1.0060, 90, 0.01118),
        ("sd21-g6-triton", 0.8048, 61, 0.01320),
        ("sd21-g5-cuda", 1.0060, 60, 0.01677),
    ]
}

import SwitchyardCore

/// Seed 004's five sd21 units on two pools, with Table 1's prices and breaking points and the blog's weights.
enum RenderingFixtures {
    static let namespace = "sd21"

    static let breakingPoints: [String: Double] = [
        "sd21-inf2": 105, "sd21-trn1": 130, "sd21-g5-triton": 90, "sd21-g6-triton": 61, "sd21-g5-cuda": 60,
    ]

    /// Seed 004's cost-optimized forward action.
    static let weights: [String: Int] = [
        "sd21-inf2": 40, "sd21-trn1": 20, "sd21-g5-triton": 15, "sd21-g6-triton": 10, "sd21-g5-cuda": 15,
    ]

    static var model: ServedModel {
        ServedModel(
            name: "sd21", slo: ServiceLevelObjective(latencyThresholdMs: 900, maxUtilization: 0.8),
            routing: RoutingSettings(defaultStrategy: .cost, stickinessSeconds: 200))
    }

    static func instanceType(_ name: String, family: String, vendor: String, accelerator: String, device: String, price: Double) -> InstanceType {
        InstanceType(
            name: name, family: family, accelerator: Accelerator(vendor: vendor, name: accelerator, count: 1, memoryGiB: 32),
            deviceResource: device, vcpu: 4, memoryGiB: 16,
            prices: [InstancePrice(region: "us-west-2", capacityType: .onDemand, hourlyUSD: price)])
    }

    static var instanceTypes: [InstanceType] {
        [
            instanceType("inf2.xlarge", family: "inf2", vendor: "aws", accelerator: "inferentia2", device: "aws.amazon.com/neuron", price: 0.7582),
            instanceType("trn1.2xlarge", family: "trn1", vendor: "aws", accelerator: "trainium", device: "aws.amazon.com/neuron", price: 1.3438),
            instanceType("g5.xlarge", family: "g5", vendor: "nvidia", accelerator: "a10g", device: "nvidia.com/gpu", price: 1.0060),
            instanceType("g6.xlarge", family: "g6", vendor: "nvidia", accelerator: "l4", device: "nvidia.com/gpu", price: 0.8048),
        ]
    }

    static var pools: [CapacityPool] {
        [
            CapacityPool(
                name: "amd-neuron", instanceFamilies: ["inf2", "trn1"], limits: PoolLimits(cpu: 256, memoryGiB: 1024, accelerators: 32),
                taints: [Taint(key: "aws.amazon.com/neuron", effect: .noSchedule)]),
            CapacityPool(
                name: "amd-nvidia", gpuNames: ["a10g", "l4"], capacityTypes: [.onDemand, .spot],
                limits: PoolLimits(accelerators: 16, nodes: 16),
                taints: [Taint(key: "nvidia.com/gpu", value: "true", effect: .noSchedule)],
                consolidation: Consolidation(policy: .whenEmpty, consolidateAfter: "10m")),
        ]
    }

    static func unit(_ name: String, instanceType: String, pool: String, runtime: String, minReplicas: Int = 1, arn: Bool = true) -> DeploymentUnit {
        DeploymentUnit(
            name: name, model: "sd21", instanceType: instanceType, pool: pool, runtime: runtime,
            image: "123456789012.dkr.ecr.us-west-2.amazonaws.com/sd21:\(runtime)", minReplicas: minReplicas, maxReplicas: 8,
            kubernetes: KubernetesNames(namespace: namespace, deployment: name, service: name, port: 8000),
            targetGroupARN: arn ? "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/\(name)/0123456789abcdef" : nil)
    }

    static var units: [DeploymentUnit] {
        [
            unit("sd21-inf2", instanceType: "inf2.xlarge", pool: "amd-neuron", runtime: "neuron"),
            unit("sd21-trn1", instanceType: "trn1.2xlarge", pool: "amd-neuron", runtime: "neuron"),
            unit("sd21-g5-triton", instanceType: "g5.xlarge", pool: "amd-nvidia", runtime: "triton"),
            unit("sd21-g6-triton", instanceType: "g6.xlarge", pool: "amd-nvidia", runtime: "triton"),
            unit("sd21-g5-cuda", instanceType: "g5.xlarge", pool: "amd-nvidia", runtime: "cuda", minReplicas: 0),
        ]
    }

    static var ratings: [UnitRating] {
        breakingPoints.sorted { $0.key < $1.key }.map {
            UnitRating(unit: $0.key, breakingPointRPS: $0.value, source: .manual, explanation: "Table 1")
        }
    }

    /// A cost plan with the blog's weights, best first.
    static func plan(weights: [String: Int] = weights) -> RoutingPlan {
        let entries = weights.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { unit, weight in
            PlanEntry(
                unit: unit, breakingPointRPS: breakingPoints[unit] ?? 0, costPer1kInferencesUSD: 0, weight: weight,
                expectedRPS: 0, hourlyCostUSD: 0, reasons: [])
        }
        return RoutingPlan(
            model: "sd21", strategy: .cost, weightTotal: weights.values.reduce(0, +), entries: entries, excluded: [],
            totals: PlanTotals(capacityRPS: 0, hourlyCostUSD: 0))
    }

    static func input(settings: RenderSettings = RenderSettings(), plan: RoutingPlan = plan(), units: [DeploymentUnit] = units,
                      ratings: [UnitRating] = ratings) -> RenderInput {
        RenderInput(
            models: [model], instanceTypes: instanceTypes, pools: pools, units: units, ratings: ratings, plans: [plan],
            settings: settings)
    }
}

extension RenderedManifests {
    var deployments: [Deployment] { objects.compactMap { if case .deployment(let value) = $0 { value } else { nil } } }
    var services: [Service] { objects.compactMap { if case .service(let value) = $0 { value } else { nil } } }
    var scaledObjects: [ScaledObject] { objects.compactMap { if case .scaledObject(let value) = $0 { value } else { nil } } }
    var nodePools: [NodePool] { objects.compactMap { if case .nodePool(let value) = $0 { value } else { nil } } }
    var ingresses: [Ingress] { objects.compactMap { if case .ingress(let value) = $0 { value } else { nil } } }
    var nodeClasses: [EC2NodeClass] { objects.compactMap { if case .ec2NodeClass(let value) = $0 { value } else { nil } } }
}

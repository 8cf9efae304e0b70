extension ManifestRenderer {
    /// The pool's NodePool: which instances it may launch, how many, how it is consolidated, and its weight.
    func nodePool(_ pool: CapacityPool, context: RenderContext, warnings: inout [RenderWarning]) -> NodePool {
        var requirements: [NodePool.Requirement] = []
        if !pool.instanceFamilies.isEmpty {
            requirements.append(NodePool.Requirement(key: "karpenter.k8s.aws/instance-family", values: pool.instanceFamilies))
        }
        if !pool.gpuNames.isEmpty {
            requirements.append(NodePool.Requirement(key: "karpenter.k8s.aws/instance-gpu-name", values: pool.gpuNames))
        }
        if !pool.capacityTypes.isEmpty {
            requirements.append(NodePool.Requirement(key: RenderLabels.capacityType, values: pool.capacityTypes.map(\.rawValue)))
        }
        if !pool.arch.isEmpty {
            requirements.append(NodePool.Requirement(key: "kubernetes.io/arch", values: pool.arch.map(\.rawValue)))
        }
        let settings = context.settings
        return NodePool(
            metadata: ObjectMeta(name: pool.name, labels: [RenderLabels.managedBy: RenderLabels.managedByValue]),
            spec: NodePool.Spec(
                template: NodePool.Template(
                    metadata: PodTemplateMeta(labels: [RenderLabels.pool: pool.name]),
                    spec: NodePool.NodeClaimTemplateSpec(
                        nodeClassRef: NodePool.NodeClassRef(name: Self.nodeClassName(of: pool, settings: settings)),
                        requirements: requirements,
                        taints: pool.taints.isEmpty ? nil : pool.taints,
                        expireAfter: settings.expireAfter
                    )
                ),
                disruption: NodePool.Disruption(
                    consolidationPolicy: pool.consolidation.policy.rawValue,
                    consolidateAfter: pool.consolidation.consolidateAfter,
                    budgets: settings.disruptionBudgets.isEmpty ? nil : settings.disruptionBudgets
                ),
                limits: limits(of: pool, context: context),
                weight: weight(of: pool, context: context, warnings: &warnings)
            )
        )
    }

    /// Karpenter limits; the accelerator limit applies to each device resource the pool's instance types advertise.
    private func limits(of pool: CapacityPool, context: RenderContext) -> [String: String] {
        var limits: [String: String] = [:]
        if let cpu = pool.limits.cpu { limits["cpu"] = String(cpu) }
        if let memory = pool.limits.memoryGiB {
            limits["memory"] = memory == memory.rounded() ? "\(Int(saturating: memory))Gi" : "\(Int(saturating: (memory * 1024).rounded()))Mi"
        }
        if let accelerators = pool.limits.accelerators {
            for resource in deviceResources(of: pool, context: context) { limits[resource] = String(accelerators) }
        }
        if let nodes = pool.limits.nodes { limits["nodes"] = String(nodes) }
        return limits
    }

    private func deviceResources(of pool: CapacityPool, context: RenderContext) -> Set<String> {
        let fromUnits = context.input.units.filter { $0.pool == pool.name }.compactMap { context.instanceTypes[$0.instanceType] }
        let fromRequirements = context.input.instanceTypes.filter {
            pool.instanceFamilies.contains($0.family) || pool.gpuNames.contains($0.accelerator.name)
        }
        return Set((fromUnits + fromRequirements).map(\.deviceResource))
    }

    /// The pool's own weight, else one from its rank by best cost per inference: cheapest 100, then 10 lower per
    /// rank (closer when there are more than ten pools), 1 for pools with no priced, rated unit.
    ///
    /// Ranks rather than ratios, because Karpenter only orders by weight: a price change that keeps the order
    /// leaves every NodePool untouched.
    func weight(of pool: CapacityPool, context: RenderContext, warnings: inout [RenderWarning]) -> Int {
        if let weight = pool.weight { return min(max(weight, 1), 100) }
        let costs = Self.bestCosts(context)
        guard let cost = costs[pool.name] else {
            warnings.append(RenderWarning(
                kind: .unpricedPool, subject: pool.name,
                message: "no enabled unit in this pool has both a price and a breaking point; weight 1 (tried last)"))
            return 1
        }
        let distinctCosts = Set(costs.filter { context.pools[$0.key]?.weight == nil }.values).sorted()
        let rank = distinctCosts.firstIndex(of: cost) ?? 0
        let step = distinctCosts.count > 10 ? max(1, 99 / (distinctCosts.count - 1)) : 10
        return max(1, 100 - rank * step)
    }

    /// The lowest cost per inference of each pool's enabled, priced and rated units.
    static func bestCosts(_ context: RenderContext) -> [String: Double] {
        var costs: [String: Double] = [:]
        for unit in context.input.units where unit.enabled {
            guard let cost = context.costPer1kInferences(of: unit) else { continue }
            costs[unit.pool] = min(costs[unit.pool] ?? .infinity, cost)
        }
        return costs
    }
}

extension DesiredStateBuilder {
    /// One model's plan with its versions applied: outside a rollout the stable version's units are planned (the
    /// others excluded as `otherVersion`); during one, each version is planned on its own with the strategy in
    /// force (a failover's strategy and short pools apply within each version, so the version split holds through
    /// a failover), then `VersionSplit` combines them within the router's limits. An adaptive mix in force is kept
    /// within each version (its weights renormalised there); a version the mix gives nothing is planned as usual.
    func plan(_ input: PlanningInput, adaptive: AdaptiveRouting?, versions: VersionRouting) -> RoutingPlan {
        let others = input.units.filter { !versions.isStable($0) && !versions.isCanary($0) }
        guard versions.canary != nil else {
            return excluding(others, from: versionPlan(input, units: input.units.filter(versions.isStable), adaptive: adaptive), versions)
        }
        let stable = versionPlan(input, units: input.units.filter(versions.isStable), adaptive: adaptive)
        let canary = versionPlan(input, units: input.units.filter(versions.isCanary), adaptive: adaptive)
        let combined = VersionSplit(limits: input.model.routing.router.limits)
            .combine(stable: stable, canary: canary, percent: versions.canaryPercent, versions: versions)
        return excluding(others, from: combined, versions)
    }

    private func versionPlan(_ input: PlanningInput, units: [DeploymentUnit], adaptive: AdaptiveRouting?) -> RoutingPlan {
        var input = input
        input.units = units
        let names = Set(units.map(\.name))
        if let adaptive, adaptive.weights.contains(where: { names.contains($0.key) && $0.value > 0 }) {
            input.strategy = .cost
            return planner.plan(input).withWeights(adaptive.weights.filter { names.contains($0.key) })
        }
        return planner.plan(input)
    }

    private func excluding(_ units: [DeploymentUnit], from plan: RoutingPlan, _ versions: VersionRouting) -> RoutingPlan {
        guard !units.isEmpty else { return plan }
        var plan = plan
        let serving = [versions.stable ?? "unversioned", versions.canary].compactMap { $0 }.joined(separator: " and ")
        plan.excluded += units.map { unit in
            ExcludedUnit(
                unit: unit.name, reason: .otherVersion,
                detail: "the unit serves version \(unit.version ?? "unversioned"); \(serving) take the model's traffic")
        }
        return plan
    }
}

extension Rebalancer {
    /// Whether the demand seen now is more than the ready replicas of the mix in force carry at the target
    /// utilisation: capacity is needed sooner than a forecast horizon allows.
    public func isOverloaded(levelRPS: Double, inForce: UnitMix, ready: [String: Int], input: PlanningInput) -> Bool {
        levelRPS > Self.readyCapacity(of: inForce, ready: ready, input: input) * settings.targetUtilization + 1e-9
    }

    /// The decision under overload: the cheapest mix among the units that serve soonest, every slower unit
    /// kept at the replicas it has ready. Once the new replicas serve, the next passes move back to the
    /// cheapest mix as soon as it saves enough.
    /// - Parameter secondsUntilServing: per unit, node launch plus model load.
    public func decideUnderOverload(
        _ input: PlanningInput, requiredRPS: Double, ready: [String: Int], secondsUntilServing: [String: Double]
    ) -> MixDecision {
        let growable = input.units.filter { !input.shortPools.contains($0.pool) && $0.enabled && $0.maxReplicas > (ready[$0.name] ?? 0) }
        let fastest = growable.compactMap { secondsUntilServing[$0.name] }.min() ?? 0
        var urgent = input
        var slow: [String] = []
        urgent.units = input.units.map { unit in
            guard let seconds = secondsUntilServing[unit.name], seconds > fastest * 1.2 else { return unit }
            slow.append(unit.name)
            return Self.heldAtReady(unit, ready: ready)
        }
        let (mix, meets) = MixPlanner().cheapest(urgent, requiredRPS: requiredRPS)
        let held = slow.isEmpty ? "" : "; slower units held at their ready replicas: " + slow.sorted().joined(separator: ", ")
        return MixDecision(
            kind: .capacity, mix: mix, cheapest: mix, requiredRPS: requiredRPS,
            reason: "demand exceeds the ready replicas at \(DecimalText.format(settings.targetUtilization * 100)) %: "
                + "capacity from the units that serve within \(DecimalText.format(fastest * 1.2)) s\(held)"
                + (meets ? "" : "; no mix carries \(DecimalText.format(requiredRPS)) rps, the largest feasible is planned")
        )
    }

    /// For a capacity decision whose new replicas are not all ready: the cheapest mix of replicas ready now
    /// (a warm standby, units still winding down), when it carries `requiredRPS`, or when it at least carries
    /// more than the ready replicas of the mix in force; nil otherwise. Traffic then moves at once instead of
    /// waiting for launches. When the ready replicas fall short, the decided mix's replicas keep launching (as
    /// floors, `preparing`) and a later pass moves to it once they serve; otherwise a later pass moves on to the
    /// cheapest mix once it saves enough, make-before-break.
    public func warmFirst(
        _ decision: MixDecision, _ input: PlanningInput, requiredRPS: Double, ready: [String: Int], inForce: UnitMix
    ) -> MixDecision? {
        guard decision.kind == .capacity,
              decision.mix.replicas.contains(where: { $0.value > (ready[$0.key] ?? 0) }) else { return nil }
        var warm = input
        warm.units = input.units.map { Self.heldAtReady($0, ready: ready) }
        guard warm.units.contains(where: \.enabled) else { return nil }
        let (mix, meets) = MixPlanner().cheapest(warm, requiredRPS: requiredRPS)
        guard !mix.weights.isEmpty, mix.weights != inForce.weights else { return nil }
        if meets {
            return MixDecision(
                kind: .capacity, mix: mix, cheapest: decision.cheapest, requiredRPS: requiredRPS,
                reason: decision.reason + "; warm replicas first: \(mix.summary) serves now, "
                    + "\(decision.mix.summary) once its replicas are ready"
            )
        }
        guard mix.capacityRPS > Self.readyCapacity(of: inForce, ready: ready, input: input) + 1e-9 else { return nil }
        return MixDecision(
            kind: .capacity, mix: mix, cheapest: decision.cheapest, requiredRPS: requiredRPS,
            reason: decision.reason + "; meanwhile the replicas ready now carry what they can: \(mix.summary), "
                + "while \(decision.mix.summary) launches",
            preparing: decision.mix.replicas
        )
    }

    /// `unit` limited to the replicas it has ready: it can serve now but not grow (disabled when none are ready).
    static func heldAtReady(_ unit: DeploymentUnit, ready: [String: Int]) -> DeploymentUnit {
        var held = unit
        let have = ready[unit.name] ?? 0
        held.maxReplicas = min(unit.maxReplicas, have)
        held.minReplicas = min(unit.minReplicas, have)
        if have == 0 { held.enabled = false }
        return held
    }

    /// What the ready replicas of `mix`'s weighted units carry at their breaking points, rps.
    static func readyCapacity(of mix: UnitMix, ready: [String: Int], input: PlanningInput) -> Double {
        let catalog = MixCatalog(input)
        return mix.weights.keys.reduce(0.0) { total, name in
            total + Double(ready[name] ?? 0) * (catalog.units[name]?.capacityRPS ?? 0)
        }
    }
}

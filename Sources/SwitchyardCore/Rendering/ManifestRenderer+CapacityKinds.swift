extension ManifestRenderer {
    /// The order Karpenter should try a pool's capacity kinds in: the reservation already paid for, then spot, then
    /// on-demand.
    static let capacityKindPreference: [CapacityType] = [.reserved, .spot, .onDemand]

    /// Whether a pool is rendered as one NodePool per capacity kind: it launches several, and either holds a
    /// reservation (tried first, and launching no more than it holds) or has a unit pinned to one kind (kept apart
    /// from the others). Otherwise its one NodePool lists its kinds and Karpenter picks among them.
    static func splitsCapacityKinds(_ pool: CapacityPool, units: [DeploymentUnit]) -> Bool {
        Set(pool.capacityTypes).count > 1
            && (pool.capacityTypes.contains(.reserved) || units.contains { $0.pool == pool.name && $0.pinCapacityType })
    }

    /// The pool's NodePools: its one NodePool, named after it, or when it splits its kinds one per kind, named
    /// `<pool>-<kind>`, weighted so Karpenter tries reserved, then spot, then on-demand (the pool's weight, then one
    /// lower per kind, at least 1), each labelling its nodes with the pool so the pool's units land on any of them.
    /// The reserved NodePool launches no more nodes than the reservation holds.
    func nodePools(_ pool: CapacityPool, context: RenderContext, warnings: inout [RenderWarning]) -> [NodePool] {
        let base = nodePool(pool, context: context, warnings: &warnings)
        guard Self.splitsCapacityKinds(pool, units: context.input.units) else { return [base] }
        let kinds = Self.capacityKindPreference.filter(pool.capacityTypes.contains)
        let weight = base.spec.weight ?? 1
        return kinds.enumerated().map { rank, kind in
            var split = base
            split.metadata.name = Self.nodePoolName(of: pool, kind: kind)
            split.spec.weight = max(1, weight - rank)
            split.spec.template.spec.requirements = base.spec.template.spec.requirements.map { requirement in
                guard requirement.key == RenderLabels.capacityType else { return requirement }
                var pinned = requirement
                pinned.values = [kind.rawValue]
                return pinned
            }
            if kind == .reserved, let count = pool.reservation?.instanceCount {
                var limits = split.spec.limits ?? StringMap([:])
                limits["nodes"] = String(limits["nodes"].flatMap { Int($0) }.map { min($0, count) } ?? count)
                split.spec.limits = limits
            }
            return split
        }
    }

    /// The NodePool of one capacity kind of a pool that splits its kinds.
    static func nodePoolName(of pool: CapacityPool, kind: CapacityType) -> String {
        "\(pool.name)-\(kind.rawValue)"
    }

    /// Where a unit's pods go: its pool's NodePool, or any of them by the pool label when the pool splits its
    /// kinds, and the unit's one kind when it pins it.
    func nodeSelector(for unit: DeploymentUnit, context: RenderContext) -> [String: String] {
        guard let pool = context.pools[unit.pool], Self.splitsCapacityKinds(pool, units: context.input.units) else {
            return [RenderLabels.nodePool: unit.pool]
        }
        var selector = [RenderLabels.pool: unit.pool]
        if unit.pinCapacityType, let kind = unit.capacityTypes.first { selector[RenderLabels.capacityType] = kind.rawValue }
        return selector
    }

    /// Units allowing fewer kinds than their pool launches without pinning one: Karpenter may put their pods on a
    /// kind they do not allow.
    func unpinnedCapacityKinds(_ units: [DeploymentUnit], context: RenderContext) -> [RenderWarning] {
        units.compactMap { unit in
            guard !unit.pinCapacityType, let pool = context.pools[unit.pool] else { return nil }
            let allowed = pool.capacityTypes.filter(unit.capacityTypes.contains)
            guard allowed.count < Set(pool.capacityTypes).count, Self.splitsCapacityKinds(pool, units: context.input.units)
            else { return nil }
            return RenderWarning(
                kind: .unpinnedCapacityKinds, subject: unit.name,
                message: "allows \(allowed.map(\.rawValue).joined(separator: ", ")) of pool \(pool.name)'s "
                    + "\(pool.capacityTypes.map(\.rawValue).joined(separator: ", ")) without pinning it "
                    + "(pinCapacityType); its pods follow the pool's NodePool weights")
        }
    }

    /// The capacity reservations the node class `name` selects: those of the pools whose NodePools reference it.
    func capacityReservationTerms(
        forNodeClass name: String, pools: [CapacityPool], settings: RenderSettings
    ) -> [EC2NodeClass.CapacityReservationSelectorTerm] {
        let ids = pools.filter { Self.nodeClassName(of: $0, settings: settings) == name && $0.capacityTypes.contains(.reserved) }
            .compactMap { $0.reservation?.id }
        return Array(Set(ids)).sorted().map { EC2NodeClass.CapacityReservationSelectorTerm(id: $0) }
    }

    /// Pools with a reservation whose node class Switchyard does not render, so nothing selects the reservation.
    func unmanagedReservations(_ pools: [CapacityPool], managed: Set<String>, settings: RenderSettings) -> [RenderWarning] {
        pools.filter { $0.capacityTypes.contains(.reserved) && $0.reservation?.id != nil }.compactMap { pool in
            let name = Self.nodeClassName(of: pool, settings: settings)
            guard !managed.contains(name) else { return nil }
            return RenderWarning(
                kind: .unmanagedReservation, subject: pool.name,
                message: "node class \(name) is not rendered by Switchyard; add capacityReservationSelectorTerms "
                    + "[{id: \(pool.reservation?.id ?? "")}] to it, or reserved nodes cannot launch")
        }
    }
}

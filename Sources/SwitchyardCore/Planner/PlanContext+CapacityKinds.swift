extension PlanContext {
    /// Seconds a reclaimed spot replica's replacement takes to serve when its unit declares no time to serve.
    static let defaultReplacementSeconds = 600.0

    /// A candidate's configured spot interruption rate (nodes reclaimed per node-hour), 0 when none is configured.
    static func interruptionRate(of candidate: PlanCandidate) -> Double {
        let rate = candidate.pool?.spotInterruptionRate(family: candidate.instanceType.family) ?? 0
        return rate.isFinite ? max(0, rate) : 0
    }

    /// Spot's expected hourly price: the list price × (1 + rate × replacement hours), the time a replacement is paid
    /// for before it serves, per reclaimed node.
    static func expectedSpotHourlyUSD(_ listUSD: Double, candidate: PlanCandidate) -> Double {
        let replacementHours = (candidate.unit.timeToServeSeconds ?? defaultReplacementSeconds) / 3600
        return listUSD * (1 + interruptionRate(of: candidate) * replacementHours)
    }

    /// What the entries save against the same replicas all on-demand and what they put on spot. An entry without
    /// a capacity mix runs its replicas (one for the strategies that plan none) on its unit's `capacityType`.
    /// `sources` are the entries' candidates, in the entries' order.
    func capacityKindTotals(entries: [PlanEntry], sources: [PlanCandidate], hourlyCostUSD: Double) -> CapacityKindTotals {
        var onDemand = 0.0, sunk = 0.0, spotCapacity = 0.0, capacity = 0.0, interruptions = 0.0
        var reserved = 0, spot = 0
        // The entries the plan's hourly cost counts: optimal's planned replicas, the others' weighted units.
        for (entry, candidate) in zip(entries, sources) where entry.capacity != nil || entry.weight > 0 {
            let shares = entry.capacity ?? [CapacityShare(
                capacityType: candidate.unit.capacityType, replicas: entry.replicas ?? 1,
                hourlyCostUSD: entry.hourlyCostUSD)]
            for share in shares {
                let replicas = Double(share.replicas)
                let perReplica = share.replicas > 0 ? share.hourlyCostUSD / replicas : 0
                let listOnDemand = candidate.instanceType.hourlyPrice(region: candidate.unit.region, capacityType: .onDemand)
                    ?? perReplica
                onDemand += replicas * listOnDemand
                capacity += replicas * entry.breakingPointRPS
                switch share.capacityType {
                case .reserved:
                    reserved += share.replicas
                    sunk += replicas * listOnDemand
                case .spot:
                    spot += share.replicas
                    spotCapacity += replicas * entry.breakingPointRPS
                    interruptions += replicas * Self.interruptionRate(of: candidate)
                case .onDemand:
                    break
                }
            }
        }
        let savings = onDemand > 0 ? 1 - hourlyCostUSD / onDemand : 0
        return CapacityKindTotals(
            onDemandHourlyCostUSD: onDemand, savingsFraction: savings.isFinite ? savings : 0, reservedReplicas: reserved,
            reservedSunkHourlyCostUSD: sunk, spotReplicas: spot, spotCapacityRPS: spotCapacity,
            capacityWithoutSpotRPS: max(0, capacity - spotCapacity), expectedInterruptionsPerHour: interruptions
        )
    }
}

extension ReplayScenario {
    /// Whether the model's units run on spot or on a reservation, or spot nodes are reclaimed: what makes the
    /// replay compare every strategy with itself all on-demand.
    public var usesSpotOrReservations: Bool {
        spotInterruptions != nil
            || fleet.units.contains { $0.model == model && ($0.capacityType != .onDemand || $0.capacityTypes != [.onDemand]) }
    }

    /// The same scenario with every unit and pool on-demand: no spot, no reservation, nothing reclaimed.
    public var allOnDemand: ReplayScenario {
        var scenario = self
        scenario.name = name + "-all-on-demand"
        scenario.fleet.units = fleet.units.map { unit in
            var unit = unit
            unit.capacityType = .onDemand
            unit.capacityTypes = [.onDemand]
            return unit
        }
        scenario.fleet.pools = fleet.pools.map { pool in
            var pool = pool
            pool.capacityTypes = [.onDemand]
            pool.reservation = nil
            pool.spotInterruptionRates = [:]
            return pool
        }
        scenario.spotInterruptions = nil
        return scenario
    }
}

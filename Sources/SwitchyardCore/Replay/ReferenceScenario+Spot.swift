extension ReferenceScenario {
    /// Spot prices as a fraction of on-demand in the spot scenarios.
    public static let spotPriceFraction = 0.35
    /// Fraction of `amd-neuron`'s spot nodes reclaimed per hour in the spot scenarios.
    public static let neuronInterruptionRate = 0.05

    /// ``seed004``'s two days of demand without the shortage, on the demo fleet with spot: every instance type priced
    /// on spot at 35 % of on-demand, `amd-neuron` launching spot as well as on-demand with 5 % of its spot nodes
    /// reclaimed per hour (seeded), Inferentia2 and Trainium units of their own on spot (each pinned to it), and
    /// `sd21` putting at most 75 % of its required capacity on spot (an on-demand floor of 25 %). Every strategy is
    /// compared with itself on the same fleet all on-demand.
    public static var spot: ReplayScenario {
        var scenario = seed004
        scenario.name = "spot"
        scenario.capacityWindows = []
        scenario.fleet = spotFleet(reservation: nil)
        scenario.spotInterruptions = SpotInterruptions(ratesPerHour: ["amd-neuron": neuronInterruptionRate], seed: 16)
        for unit in ["sd21-inf2", "sd21-trn1"] {
            scenario.provisioning.units[unit + "-spot"] = scenario.provisioning.units[unit]
        }
        return scenario
    }

    /// ``spot`` with one capacity reservation of two `inf2.xlarge` in `amd-neuron` and a unit that runs on it alone.
    public static var spotReserved: ReplayScenario {
        var scenario = spot
        scenario.name = "spot-reserved"
        scenario.fleet = spotFleet(reservation: CapacityReservation(id: "cr-0123456789abcdef0", instanceCount: 2))
        scenario.provisioning.units["sd21-inf2-reserved"] = scenario.provisioning.units["sd21-inf2"]
        return scenario
    }

    /// The scenarios a replay request may name.
    public static let names = ["spot", "spot-reserved"]

    /// The scenario of that name, or nil.
    public static func named(_ name: String) -> ReplayScenario? {
        switch name {
        case "spot": spot
        case "spot-reserved": spotReserved
        default: nil
        }
    }

    private static func spotFleet(reservation: CapacityReservation?) -> Fleet {
        var fleet = DemoFleet.fleet
        fleet.instanceTypes = fleet.instanceTypes.map { type in
            var type = type
            if let onDemand = type.hourlyPrice(region: DemoFleet.region, capacityType: .onDemand) {
                type.prices.append(InstancePrice(
                    region: DemoFleet.region, capacityType: .spot, hourlyUSD: onDemand * spotPriceFraction))
            }
            return type
        }
        fleet.pools = fleet.pools.map { pool in
            guard pool.name == "amd-neuron" else { return pool }
            var pool = pool
            pool.capacityTypes = reservation == nil ? [.onDemand, .spot] : [.onDemand, .spot, .reserved]
            pool.reservation = reservation
            pool.spotInterruptionRates = [CapacityPool.anyFamily: neuronInterruptionRate]
            return pool
        }
        fleet.models = fleet.models.map { model in
            var model = model
            model.spot = SpotSettings(maxShare: 1, onDemandFloor: 0, spareNodes: 1)
            return model
        }
        var units = fleet.units
        // Each kind a unit of its own, pinned to it, so the plan's mix of kinds is what runs.
        for index in units.indices where units[index].pool == "amd-neuron" {
            units[index].pinCapacityType = true
            var unit = units[index]
            unit.name = units[index].name + "-spot"
            unit.kubernetes.deployment = unit.name
            unit.kubernetes.service = unit.name
            unit.capacityType = .spot
            unit.capacityTypes = [.spot]
            unit.minReplicas = 0
            units.append(unit)
        }
        if let reservation, var unit = units.first(where: { $0.name == "sd21-inf2" }) {
            unit.name = "sd21-inf2-reserved"
            unit.kubernetes.deployment = unit.name
            unit.kubernetes.service = unit.name
            unit.capacityType = .onDemand
            unit.capacityTypes = [.reserved]
            unit.minReplicas = 0
            unit.maxReplicas = reservation.instanceCount
            units.append(unit)
        }
        fleet.units = units
        // The benchmarks rate each unit by name: the spot and reserved units serve as their on-demand twins do.
        fleet.benchmarks += fleet.benchmarks.flatMap { run -> [BenchmarkRun] in
            let twins = units.filter { $0.name.hasPrefix(run.unit + "-") }.map(\.name)
            return twins.map { name in
                var copy = run
                copy.unit = name
                return copy
            }
        }
        return fleet
    }
}

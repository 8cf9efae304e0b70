/// Spot nodes reclaimed during a replay: a rate per pool, drawn from a seeded generator, and reclaims at given times.
///
/// A reclaimed node gets EC2's warning first: it serves until the notice runs out while its replacement is asked
/// for at once, and Switchyard's strategies move the node's share of traffic to the unit's other replicas and the
/// other units at the warning. A replay runs each unit on its `capacityType`: the nodes of units priced at spot are
/// the ones reclaimed.
public struct SpotInterruptions: Codable, Sendable, Equatable {
    /// Fraction of a pool's serving spot nodes reclaimed per hour, by pool name.
    public var ratesPerHour: [String: Double]
    /// Seeds the draws, so the same scenario reclaims the same nodes.
    public var seed: UInt64
    /// Reclaims at given times, each of one serving node of a unit.
    public var reclaims: [SpotReclaim]
    /// Seconds from the warning until the node is gone (EC2 gives two minutes).
    public var noticeSeconds: Double

    public init(
        ratesPerHour: [String: Double] = [:], seed: UInt64 = 1, reclaims: [SpotReclaim] = [], noticeSeconds: Double = 120
    ) {
        self.ratesPerHour = ratesPerHour
        self.seed = seed
        self.reclaims = reclaims
        self.noticeSeconds = noticeSeconds
    }
}

extension SpotInterruptions {
    /// The pools' configured rates for the model's spot units' pools (each pool's `*` rate, else its highest family
    /// rate), or nil when none is configured.
    public static func configured(in fleet: Fleet, model: String) -> SpotInterruptions? {
        let pools = Set(fleet.units.filter { $0.model == model && $0.capacityTypes.contains(.spot) }.map(\.pool))
        var rates: [String: Double] = [:]
        for pool in fleet.pools where pools.contains(pool.name) {
            if let rate = pool.spotInterruptionRates[CapacityPool.anyFamily] ?? pool.spotInterruptionRates.values.max(),
               rate > 0 {
                rates[pool.name] = rate
            }
        }
        return rates.isEmpty ? nil : SpotInterruptions(ratesPerHour: rates)
    }
}

/// One spot node of `unit` reclaimed, its warning at `t` seconds.
public struct SpotReclaim: Codable, Sendable, Equatable {
    public var t: Double
    public var unit: String

    public init(t: Double, unit: String) {
        self.t = t
        self.unit = unit
    }
}

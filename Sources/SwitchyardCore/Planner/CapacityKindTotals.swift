/// What a plan saves against the same replicas all on-demand, and what it risks on spot.
public struct CapacityKindTotals: Codable, Sendable, Equatable {
    /// US$ per hour of the plan's replicas, every one of them on-demand.
    public var onDemandHourlyCostUSD: Double
    /// 1 − the plan's hourly cost / `onDemandHourlyCostUSD`; 0 when nothing is priced.
    public var savingsFraction: Double
    /// Replicas on reserved capacity; their cost is sunk, so the plan's hourly cost leaves it out.
    public var reservedReplicas: Int
    /// US$ per hour the reserved replicas cost at their on-demand rate, paid whether used or not.
    public var reservedSunkHourlyCostUSD: Double
    public var spotReplicas: Int
    public var spotCapacityRPS: Double
    /// Capacity left with every spot node reclaimed at once: what the on-demand floor carries.
    public var capacityWithoutSpotRPS: Double
    /// Spot nodes expected to be reclaimed per hour at the pools' configured interruption rates.
    public var expectedInterruptionsPerHour: Double

    public init(
        onDemandHourlyCostUSD: Double, savingsFraction: Double, reservedReplicas: Int, reservedSunkHourlyCostUSD: Double,
        spotReplicas: Int, spotCapacityRPS: Double, capacityWithoutSpotRPS: Double, expectedInterruptionsPerHour: Double
    ) {
        self.onDemandHourlyCostUSD = onDemandHourlyCostUSD
        self.savingsFraction = savingsFraction
        self.reservedReplicas = reservedReplicas
        self.reservedSunkHourlyCostUSD = reservedSunkHourlyCostUSD
        self.spotReplicas = spotReplicas
        self.spotCapacityRPS = spotCapacityRPS
        self.capacityWithoutSpotRPS = capacityWithoutSpotRPS
        self.expectedInterruptionsPerHour = expectedInterruptionsPerHour
    }
}

/// What a unit costs to run: per hour for one replica and per 1,000 inferences at its breaking point.
public struct UnitCost: Sendable, Equatable, Hashable {
    public var unit: String
    public var region: String
    public var capacityType: CapacityType
    /// Hourly price of one instance at the unit's region and capacity type.
    public var hourlyUSD: Double
    /// US$ per 1,000 inferences at the unit's region and capacity type.
    public var costPer1kInferencesUSD: Double
    public var onDemandCostPer1kInferencesUSD: Double?
    public var spotCostPer1kInferencesUSD: Double?

    public init(
        unit: String, region: String, capacityType: CapacityType, hourlyUSD: Double, costPer1kInferencesUSD: Double,
        onDemandCostPer1kInferencesUSD: Double? = nil, spotCostPer1kInferencesUSD: Double? = nil
    ) {
        self.unit = unit
        self.region = region
        self.capacityType = capacityType
        self.hourlyUSD = hourlyUSD
        self.costPer1kInferencesUSD = costPer1kInferencesUSD
        self.onDemandCostPer1kInferencesUSD = onDemandCostPer1kInferencesUSD
        self.spotCostPer1kInferencesUSD = spotCostPer1kInferencesUSD
    }
}

/// The replicas of one plan entry on one capacity kind, and what they add to the bill.
public struct CapacityShare: Codable, Sendable, Equatable {
    public var capacityType: CapacityType
    public var replicas: Int
    /// US$ per hour the replicas add: 0 on reserved capacity (paid whether used or not), the list price otherwise.
    public var hourlyCostUSD: Double
    /// Spot only: the expected US$ per hour with the replacement time lost to reclaimed nodes, what the planner
    /// compared the kinds by.
    public var expectedHourlyCostUSD: Double?

    public init(capacityType: CapacityType, replicas: Int, hourlyCostUSD: Double, expectedHourlyCostUSD: Double? = nil) {
        self.capacityType = capacityType
        self.replicas = replicas
        self.hourlyCostUSD = hourlyCostUSD
        self.expectedHourlyCostUSD = expectedHourlyCostUSD
    }
}

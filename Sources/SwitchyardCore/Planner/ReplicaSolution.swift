/// The optimiser's answer.
public struct ReplicaSolution: Sendable, Equatable {
    /// Replicas per unit, in the problem's order.
    public var replicas: [Int]
    public var capacityRPS: Double
    public var hourlyUSD: Double
    /// False when no feasible mix reaches the requirement; the replicas then carry as much as possible.
    public var meetsRequirement: Bool

    public init(replicas: [Int], capacityRPS: Double, hourlyUSD: Double, meetsRequirement: Bool) {
        self.replicas = replicas
        self.capacityRPS = capacityRPS
        self.hourlyUSD = hourlyUSD
        self.meetsRequirement = meetsRequirement
    }
}

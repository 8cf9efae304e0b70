/// The warm replicas a model keeps outside its mix: each unit's replica floor at weight 0, what they could
/// carry and what they cost.
public struct StandbyPlan: Codable, Sendable, Equatable, Hashable {
    /// Replica floor per standby unit; units absent keep none.
    public var floors: [String: Int]
    /// Σ replicas × breaking point, rps.
    public var capacityRPS: Double
    /// Σ replicas × hourly price: what the standby costs an hour.
    public var hourlyUSD: Double
    public var reason: String

    public init(floors: [String: Int], capacityRPS: Double, hourlyUSD: Double, reason: String) {
        self.floors = floors.filter { $0.value > 0 }
        self.capacityRPS = capacityRPS
        self.hourlyUSD = hourlyUSD
        self.reason = reason
    }

    /// No standby.
    public static func none(_ reason: String) -> StandbyPlan {
        StandbyPlan(floors: [:], capacityRPS: 0, hourlyUSD: 0, reason: reason)
    }

    /// The mix's replicas with the standby floors added: every floor the model needs.
    public func floors(adding mix: UnitMix) -> [String: Int] {
        floors.merging(mix.replicas) { $0 + $1 }
    }
}

/// A set of replicas per unit and the weights that send each unit its share: what the adaptive
/// configuration runs a model on.
public struct UnitMix: Codable, Sendable, Equatable, Hashable {
    /// Replicas per unit; units outside the mix are absent.
    public var replicas: [String: Int]
    /// ALB weights per unit, proportional to replicas × breaking point.
    public var weights: [String: Int]
    /// Σ replicas × breaking point, rps.
    public var capacityRPS: Double
    /// Σ replicas × hourly price.
    public var hourlyUSD: Double

    public init(replicas: [String: Int], weights: [String: Int], capacityRPS: Double, hourlyUSD: Double) {
        self.replicas = replicas.filter { $0.value > 0 }
        self.weights = weights.filter { $0.value > 0 }
        self.capacityRPS = capacityRPS
        self.hourlyUSD = hourlyUSD
    }

    /// The empty mix.
    public static let empty = UnitMix(replicas: [:], weights: [:], capacityRPS: 0, hourlyUSD: 0)

    /// Units with replicas, by name.
    public var units: Set<String> { Set(replicas.keys) }

    public func replicas(of unit: String) -> Int { replicas[unit] ?? 0 }

    /// A one-line description: `sd21-inf2×3 (100)`, in name order.
    public var summary: String {
        guard !replicas.isEmpty else { return "no replicas" }
        return replicas.keys.sorted().map { "\($0)×\(replicas[$0] ?? 0) (\(weights[$0] ?? 0))" }.joined(separator: ", ")
    }
}

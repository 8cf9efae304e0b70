/// What one rebalancer pass decided for a model.
public struct MixDecision: Sendable, Equatable {
    public enum Kind: String, Codable, Sendable, Hashable {
        /// The mix in force stays, resized for the forecast (replica floors only; weights unchanged).
        case keep
        /// A new mix, for what it saves.
        case saves
        /// A new mix, because the mix in force cannot carry the forecast (demand, a short pool).
        case capacity
    }

    public var kind: Kind
    /// The mix to run: the mix in force resized (`keep`) or the new one.
    public var mix: UnitMix
    /// The cheapest mix for the forecast, whether adopted or not.
    public var cheapest: UnitMix
    /// The demand the mixes are sized for, rps (the forecast's provisioning figure / target utilisation).
    public var requiredRPS: Double
    public var reason: String
    /// Replicas to keep launching beyond the mix, as floors: the mix that will carry the demand once ready,
    /// while traffic goes to the replicas that serve now.
    public var preparing: [String: Int]

    public init(
        kind: Kind, mix: UnitMix, cheapest: UnitMix, requiredRPS: Double, reason: String, preparing: [String: Int] = [:]
    ) {
        self.kind = kind
        self.mix = mix
        self.cheapest = cheapest
        self.requiredRPS = requiredRPS
        self.reason = reason
        self.preparing = preparing.filter { $0.value > 0 }
    }

    /// Whether the weights in force change.
    public var movesWeights: Bool { kind != .keep }
}

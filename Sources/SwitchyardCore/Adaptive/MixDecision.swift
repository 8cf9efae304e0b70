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

    public init(kind: Kind, mix: UnitMix, cheapest: UnitMix, requiredRPS: Double, reason: String) {
        self.kind = kind
        self.mix = mix
        self.cheapest = cheapest
        self.requiredRPS = requiredRPS
        self.reason = reason
    }

    /// Whether the weights in force change.
    public var movesWeights: Bool { kind != .keep }
}

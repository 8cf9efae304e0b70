import Foundation

/// What the adaptive loop holds for one model between passes: the mix whose weights are in force, the
/// replica floors in force, and the transition in flight. Persisted by the live loop; kept in memory by
/// the replay.
public struct AdaptiveModelState: Codable, Sendable, Equatable {
    /// The mix whose weights are pushed (its replicas are what it was last sized for).
    public var inForce: UnitMix
    /// ScaledObject `minReplicaCount` per unit; a unit absent has floor 0.
    public var floors: [String: Int]
    /// The transition in flight, or the last one (finished) until the next begins.
    public var transition: MixTransition?
    /// When the weights last moved.
    public var weightsMovedAt: Date?

    public init(
        inForce: UnitMix = .empty, floors: [String: Int] = [:], transition: MixTransition? = nil, weightsMovedAt: Date? = nil
    ) {
        self.inForce = inForce
        self.floors = floors.filter { $0.value > 0 }
        self.transition = transition
        self.weightsMovedAt = weightsMovedAt
    }

    /// Whether a transition is in flight.
    public var isTransitioning: Bool { transition.map { !$0.isFinished } ?? false }

    /// The weights and floors to render.
    public var routing: AdaptiveRouting { AdaptiveRouting(weights: inForce.weights, floors: floors) }
}

/// The weights and replica floors the adaptive configuration puts in force for one model.
public struct AdaptiveRouting: Codable, Sendable, Equatable, Hashable {
    /// ALB weights per unit; units absent get weight 0.
    public var weights: [String: Int]
    /// ScaledObject `minReplicaCount` per unit; units absent scale to zero.
    public var floors: [String: Int]

    public init(weights: [String: Int], floors: [String: Int]) {
        self.weights = weights
        self.floors = floors
    }
}

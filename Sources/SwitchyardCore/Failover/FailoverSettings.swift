import Foundation

/// Timing and per-model choices of the failover state machine.
public struct FailoverSettings: Codable, Sendable, Equatable {
    /// How long every pool carrying a model's cost configuration must stay healthy before the
    /// model switches back to cost (hysteresis).
    public var holdTime: TimeInterval
    /// The least time between two switches of one model; a switch due sooner waits for it.
    public var minimumDwell: TimeInterval
    /// What a model fails over to when not listed in `targets`.
    public var defaultTarget: FailoverTarget
    /// Per-model failover target, by model name.
    public var targets: [String: FailoverTarget]

    public init(
        holdTime: TimeInterval = 600, minimumDwell: TimeInterval = 60,
        defaultTarget: FailoverTarget = .capacity, targets: [String: FailoverTarget] = [:]
    ) {
        self.holdTime = holdTime
        self.minimumDwell = minimumDwell
        self.defaultTarget = defaultTarget
        self.targets = targets
    }

    /// The failover target of one model.
    public func target(for model: String) -> FailoverTarget {
        targets[model] ?? defaultTarget
    }
}

/// Where a model goes when a pool of its cost configuration is short.
public enum FailoverTarget: String, Codable, Sendable, Hashable, CaseIterable {
    /// Capacity-optimized weights across every unit.
    case capacity
    /// The `optimal` plan recomputed without the short pools.
    case optimalWithoutShortPools
}

extension FailoverSettings {
    /// Settings whose per-model targets come from each model's `routing.failoverStrategy`.
    public init(models: [ServedModel], holdTime: TimeInterval = 600, minimumDwell: TimeInterval = 60) {
        self.init(
            holdTime: holdTime, minimumDwell: minimumDwell, defaultTarget: .capacity,
            targets: Dictionary(models.map { ($0.name, FailoverTarget($0.routing.failoverStrategy)) }, uniquingKeysWith: { first, _ in first })
        )
    }
}

extension FailoverTarget {
    /// The target for a model's configured failover strategy; `cost` is no failover target, so it
    /// falls back to `capacity`.
    public init(_ strategy: StrategyKind) {
        self = strategy == .optimal ? .optimalWithoutShortPools : .capacity
    }
}

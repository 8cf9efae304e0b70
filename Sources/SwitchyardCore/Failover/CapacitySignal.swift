import Foundation

/// Evidence about one capacity pool: it cannot grow, or it has recovered.
///
/// Observers (Karpenter events, pending pods, Prometheus, operators) produce these; the
/// ``FailoverStateMachine`` folds them into ``PoolHealth``. The time is a value carried with the
/// signal, never read from a clock here.
public struct CapacitySignal: Codable, Sendable, Equatable, Hashable {
    /// The capacity pool (Karpenter NodePool) the signal is about.
    public var pool: String
    public var condition: CapacityCondition
    public var source: CapacitySignalSource
    /// A short machine-friendly reason, e.g. `InsufficientCapacityError`.
    public var reason: String
    /// When the observer saw the evidence.
    public var observedAt: Date
    /// What was seen, for people reading the audit: an event message, a query result, an operator's note.
    public var evidence: String

    public init(
        pool: String, condition: CapacityCondition, source: CapacitySignalSource,
        reason: String, observedAt: Date, evidence: String = ""
    ) {
        self.pool = pool
        self.condition = condition
        self.source = source
        self.reason = reason
        self.observedAt = observedAt
        self.evidence = evidence
    }
}

/// Whether a pool is short of capacity or has it back.
public enum CapacityCondition: String, Codable, Sendable, Hashable, CaseIterable {
    case short
    case recovered
}

/// Where a capacity signal came from.
public enum CapacitySignalSource: String, Codable, Sendable, Hashable, CaseIterable {
    /// A Karpenter `InsufficientCapacityError` event on a NodeClaim.
    case karpenterEvent
    /// Pods of a unit's Deployment pending longer than a threshold.
    case pendingPods
    /// A Prometheus query, e.g. offerings unavailable.
    case prometheus
    /// A person's report through the API.
    case `operator`
    /// A scripted shortage window in a what-if replay.
    case replay
}

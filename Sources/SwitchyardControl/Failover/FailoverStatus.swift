import Foundation
import SwitchyardCore

/// What `GET /v1/failover` shows: per model the configuration in force, since when and why; per pool its
/// health and latest evidence. The history of switches is in the audit (kind `failover`).
public struct FailoverStatus: Codable, Sendable, Equatable {
    /// Whether this replica holds the lease and runs the loop; the others serve reads.
    public var leader: Bool
    /// Signals received but not yet folded by a pass (already reflected in `pools`).
    public var pendingSignals: Int
    public var settings: Timing
    public var models: [Model]
    public var pools: [Pool]
    /// Each capacity observer: watching, or retrying since when and why.
    public var observers: [ObserverHealth.Entry]
    /// Nodes about to go whose units' share is moved off them, as this replica holds them (the leader does).
    public var nodeWarnings: [NodeWarning]

    public init(
        leader: Bool, pendingSignals: Int, settings: Timing, models: [Model], pools: [Pool], observers: [ObserverHealth.Entry] = [],
        nodeWarnings: [NodeWarning] = []
    ) {
        self.leader = leader
        self.pendingSignals = pendingSignals
        self.settings = settings
        self.models = models
        self.pools = pools
        self.observers = observers
        self.nodeWarnings = nodeWarnings
    }

    /// The failover timing in force.
    public struct Timing: Codable, Sendable, Equatable {
        public var holdTimeSeconds: Double
        public var minimumDwellSeconds: Double
    }

    /// One model's routing.
    public struct Model: Codable, Sendable, Equatable {
        public var model: String
        /// `cost`, `capacity`, or `optimal without <pools>`.
        public var configuration: String
        /// The planner strategy of the configuration.
        public var strategy: StrategyKind
        /// Pools the configuration plans without (optimal only).
        public var excludedPools: [String]
        /// When the configuration took effect; nil for the initial cost configuration.
        public var since: Date?
        public var reason: TransitionReason
        public var detail: String
        public var evidence: [CapacitySignal]
        /// The configuration an operator pinned, if any.
        public var pin: String?
        /// What the model switches to when a pool of its cost configuration is short.
        public var failoverTarget: FailoverTarget
        /// The pools carrying its cost configuration.
        public var costPools: [String]
    }

    /// One pool's health.
    public struct Pool: Codable, Sendable, Equatable {
        public var pool: String
        /// `healthy`, `short` or `recovering`.
        public var state: String
        /// Short since, or recovering since; nil when healthy.
        public var since: Date?
        /// For a recovering pool, when it becomes healthy if no new shortage arrives.
        public var healthyAt: Date?
        public var latestEvidence: CapacitySignal?
    }
}

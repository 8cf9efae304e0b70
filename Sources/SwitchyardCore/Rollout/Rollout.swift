import Foundation

/// A model's move from its stable version to a new one, in steps of traffic: the target version's units take
/// `steps[stepIndex]` percent of the model's traffic, each step held at least `pauseSeconds` and passed only while
/// the gates hold; a failed gate rolls back. Values only: the rollout loop decides over them (`RolloutDecider`).
public struct Rollout: Codable, Sendable, Equatable {
    /// Numbers a model's rollouts from 1; assigned by the store.
    public var id: Int
    public var model: String
    /// The model's stable version when the rollout began; nil: the version before any was named.
    public var fromVersion: String?
    public var toVersion: String
    /// Percentages of traffic for the target version, ascending, the last 100.
    public var steps: [Int]
    /// How long each step holds before the gates may pass it to the next, seconds.
    public var pauseSeconds: Double
    public var gates: RolloutGates
    public var status: RolloutStatus
    /// The step in force (while progressing or paused), or the last one reached.
    public var stepIndex: Int
    public var stepStartedAt: Date
    public var createdAt: Date
    public var updatedAt: Date
    public var finishedAt: Date?
    /// Why the rollout is where it is, in words: the last decision's or action's reason.
    public var reason: String
    /// The gate metrics the last decision read; nil before any was read.
    public var lastReading: GateReading?

    public init(
        id: Int, model: String, fromVersion: String?, toVersion: String, steps: [Int], pauseSeconds: Double,
        gates: RolloutGates, status: RolloutStatus = .progressing, stepIndex: Int = 0, stepStartedAt: Date,
        createdAt: Date, updatedAt: Date, finishedAt: Date? = nil, reason: String, lastReading: GateReading? = nil
    ) {
        self.id = id
        self.model = model
        self.fromVersion = fromVersion
        self.toVersion = toVersion
        self.steps = steps
        self.pauseSeconds = pauseSeconds
        self.gates = gates
        self.status = status
        self.stepIndex = stepIndex
        self.stepStartedAt = stepStartedAt
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.finishedAt = finishedAt
        self.reason = reason
        self.lastReading = lastReading
    }

    /// Whether the rollout still moves traffic (progressing or paused); a model has at most one active rollout.
    public var isActive: Bool { status == .progressing || status == .paused }

    /// The target version's share of the model's traffic now, percent: the step's while active, 100 once
    /// promoted, 0 after a rollback or an abort.
    public var canaryPercent: Int {
        switch status {
        case .progressing, .paused: steps.indices.contains(stepIndex) ? steps[stepIndex] : 0
        case .promoted: 100
        case .rolledBack, .aborted: 0
        }
    }

    /// The version that serves the model's traffic once the rollout is over: the target once promoted, the one it
    /// came from otherwise.
    public var stableVersionAfter: String? { status == .promoted ? toVersion : fromVersion }
}

/// Where a rollout stands.
public enum RolloutStatus: String, Codable, Sendable, CaseIterable, Hashable {
    /// Steps advance as their pause ends and the gates hold.
    case progressing
    /// Held at its step by an operator until resumed.
    case paused
    /// The target version is the model's stable version.
    case promoted
    /// A gate failed: the stable version carries all traffic again.
    case rolledBack = "rolled-back"
    /// An operator ended it: the stable version carries all traffic again.
    case aborted
}

/// What the target version's units must stay within for a step to pass: by default the model's SLO.
public struct RolloutGates: Codable, Sendable, Equatable, Hashable {
    /// Fraction of failed requests tolerated, 0...1.
    public var maxErrorRate: Double
    /// Latency at `latencyPercentile` tolerated, milliseconds.
    public var maxLatencyMs: Double
    public var latencyPercentile: LatencyPercentile
    /// What a step does when a gate has no data (no Prometheus, or no request reached the canary yet).
    public var noData: NoDataPolicy

    public init(maxErrorRate: Double, maxLatencyMs: Double, latencyPercentile: LatencyPercentile, noData: NoDataPolicy = .hold) {
        self.maxErrorRate = maxErrorRate
        self.maxLatencyMs = maxLatencyMs
        self.latencyPercentile = latencyPercentile
        self.noData = noData
    }

    /// The gates of a model's SLO: its error rate and its latency at its percentile.
    public init(slo: ServiceLevelObjective, noData: NoDataPolicy = .hold) {
        self.init(
            maxErrorRate: slo.maxErrorRate, maxLatencyMs: slo.latencyThresholdMs, latencyPercentile: slo.latencyPercentile,
            noData: noData)
    }
}

/// What a gate without data means.
public enum NoDataPolicy: String, Codable, Sendable, CaseIterable, Hashable {
    /// The step holds until data arrives (or an operator promotes or aborts): the safe default.
    case hold
    /// The gate counts as passed: for fleets without metrics, where the pause alone paces the rollout.
    case pass
}

/// The target version's units' metrics over the gate window; a nil figure is no data.
public struct GateReading: Codable, Sendable, Equatable, Hashable {
    public var errorRate: Double?
    public var latencyMs: Double?

    public init(errorRate: Double?, latencyMs: Double?) {
        self.errorRate = errorRate
        self.latencyMs = latencyMs
    }

    /// No figure at all.
    public static let none = GateReading(errorRate: nil, latencyMs: nil)
}

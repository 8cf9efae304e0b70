import Foundation

/// A make-before-break move from one mix to another, as a value: the steps, which one is next, and how it
/// ended. Persisted by the live loop so a restart resumes it; stepped by ``TransitionRunner``.
public struct MixTransition: Codable, Sendable, Equatable {
    /// One step. Floors are complete maps of the model's replica floors (a unit absent has floor 0).
    public enum Step: Codable, Sendable, Equatable {
        /// Raise the ScaledObjects' `minReplicaCount` of the units gaining traffic.
        case raiseFloors([String: Int])
        /// Wait until each named unit has at least this many ready replicas.
        case awaitReady([String: Int], timeoutSeconds: Double)
        /// Push the new weights.
        case moveWeights([String: Int])
        /// Set the floors of the new mix (lowering those of units losing traffic).
        case lowerFloors([String: Int])

        public var name: String {
            switch self {
            case .raiseFloors: "raise-floors"
            case .awaitReady: "await-ready"
            case .moveWeights: "move-weights"
            case .lowerFloors: "lower-floors"
            }
        }
    }

    public enum Outcome: Codable, Sendable, Equatable {
        case completed
        /// A step timed out; the floors went back to `previousFloors` and the weights never moved.
        case rolledBack(reason: String)
    }

    public var model: String
    public var kind: MixDecision.Kind
    public var from: UnitMix
    public var to: UnitMix
    /// The floors in force before the transition, restored by a rollback.
    public var previousFloors: [String: Int]
    public var steps: [Step]
    /// Index of the next step to execute; `steps.count` once every step is done.
    public var next: Int
    public var startedAt: Date
    public var stepStartedAt: Date
    public var reason: String
    public var outcome: Outcome?
    /// The warm standby kept beside the new mix, with what it costs an hour; nil when the model's policy is 0.
    public var standby: StandbyPlan?

    public init(
        model: String, kind: MixDecision.Kind, from: UnitMix, to: UnitMix, previousFloors: [String: Int],
        steps: [Step], startedAt: Date, reason: String, standby: StandbyPlan? = nil
    ) {
        self.model = model
        self.kind = kind
        self.from = from
        self.to = to
        self.previousFloors = previousFloors
        self.steps = steps
        self.next = 0
        self.startedAt = startedAt
        self.stepStartedAt = startedAt
        self.reason = reason
        self.outcome = nil
        self.standby = standby
    }

    /// Whether it has ended, either way.
    public var isFinished: Bool { outcome != nil }

    /// The floors the transition ends with: those of its last floor step (the new mix's replicas and any
    /// standby).
    public var targetFloors: [String: Int] {
        for step in steps.reversed() {
            if case .lowerFloors(let floors) = step { return floors }
        }
        return to.replicas
    }

    /// The step to execute next, nil once finished.
    public var currentStep: Step? { isFinished || next >= steps.count ? nil : steps[next] }
}

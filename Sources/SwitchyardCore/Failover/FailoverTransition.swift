import Foundation

/// One model switching configuration: what the loop pushes and audits.
public struct FailoverTransition: Codable, Sendable, Equatable {
    public var model: String
    public var from: ModelConfiguration
    public var to: ModelConfiguration
    public var at: Date
    public var reason: TransitionReason
    /// A sentence a person can read, naming the pools involved.
    public var detail: String
    /// The capacity signals that led to the switch (latest per pool).
    public var evidence: [CapacitySignal]

    public init(
        model: String, from: ModelConfiguration, to: ModelConfiguration, at: Date,
        reason: TransitionReason, detail: String, evidence: [CapacitySignal]
    ) {
        self.model = model
        self.from = from
        self.to = to
        self.at = at
        self.reason = reason
        self.detail = detail
        self.evidence = evidence
    }
}

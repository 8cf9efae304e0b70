/// What an audit event is about; its raw value is what the history stores and the API filters by.
public enum AuditKind: String, Codable, Sendable, CaseIterable {
    // Fleet resources (``ResourceKind``).
    case model
    case instanceType = "instance-type"
    case pool, unit, benchmark, token, fleet
    /// A push to a target (its name the applier): applies and drift corrections.
    case push
    /// A model's failover routing: switches, pins.
    case failover
    case capacitySignal = "capacity-signal"
    /// A node about to go (a Karpenter interruption warning) and the units whose share moved off it.
    case nodeWarning = "node-warning"
    case demand
    /// A model's adaptive transitions.
    case adaptive
    /// A model's rollouts to a new version: starts, steps, pauses, promotions, rollbacks.
    case rollout

    public init(_ resource: ResourceKind) {
        switch resource {
        case .model: self = .model
        case .instanceType: self = .instanceType
        case .pool: self = .pool
        case .unit: self = .unit
        case .benchmark: self = .benchmark
        case .token: self = .token
        case .fleet: self = .fleet
        }
    }
}

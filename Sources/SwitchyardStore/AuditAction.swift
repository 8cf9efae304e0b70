/// What an audit event records was done; its raw value is what the history stores and the API shows.
public enum AuditAction: String, Codable, Sendable, CaseIterable {
    // Fleet resources and tokens.
    case create, update, delete, `import`, revoke
    // Reports from operators and observers: demand samples, capacity signals.
    case report
    // Failover.
    case pin, unpin, `switch`
    case switchFailed = "switch-failed"
    // Pushes.
    case apply
    case applyFailed = "apply-failed"
    case driftCorrected = "drift-corrected"
    case driftCorrectionFailed = "drift-correction-failed"
    // Adaptive transitions: the beginning, then each step.
    case begin
    case raiseFloors = "raise-floors"
    case awaitReady = "await-ready"
    case moveWeights = "move-weights"
    case lowerFloors = "lower-floors"
    case rollBack = "roll-back"
    case stepFailed = "step-failed"
    // Rollouts: created (`create`), then each step, an operator's action, the end.
    case advance, pause, resume, promote, abort
}

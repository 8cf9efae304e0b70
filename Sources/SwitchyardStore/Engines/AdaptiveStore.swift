import SwitchyardCore

/// The adaptive configuration's state per model, as both engines keep it.
public protocol AdaptiveStore: Sendable {
    /// Every stored model state, by model name.
    func adaptiveStates() async throws -> [String: AdaptiveModelState]
    /// Stores a model's state with its audit events in one transaction; `notFound` when the model is gone.
    func saveAdaptiveState(model: String, state: AdaptiveModelState, audits: [AuditEntry]) async throws
}

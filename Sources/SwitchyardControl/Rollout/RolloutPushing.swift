import SwitchyardCore
import SwitchyardStore

/// What pushes a model's desired state once its rollout moved: the version split is read from the store, like
/// every other push, so pushing the model is enough.
public protocol RolloutPushing: Sendable {
    /// Pushes `model`'s desired state as the store now holds it.
    /// - Returns: nil when every item went out, else a sentence saying what failed.
    func push(model: String, context: ChangeContext) async throws -> String?
}

extension ApplyService: RolloutPushing {
    public func push(model: String, context: ChangeContext) async throws -> String? {
        let report = try await apply(models: [model], context: context)
        guard !report.succeeded else { return nil }
        return report.failures.map { "\($0.key): \($0.error ?? "failed")" }.joined(separator: "; ")
    }
}

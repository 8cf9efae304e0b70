import SwitchyardCore
import SwitchyardStore

/// What pushes one step of an adaptive transition (a model's floors or weights) to where the model is served.
public protocol AdaptivePushing: Sendable {
    /// Pushes `model`'s desired state with `routing` in force.
    /// - Returns: nil when every item went out, else a sentence saying what failed.
    func push(model: String, routing: AdaptiveRouting, context: ChangeContext) async throws -> String?
}

extension ApplyService: AdaptivePushing {
    /// Applies `model` with the routing handed down; a failed item fails the step, which the next pass retries.
    public func push(model: String, routing: AdaptiveRouting, context: ChangeContext) async throws -> String? {
        let report = try await lock.withLock(.models([model])) { _ in
            try await self.pushChanges(models: [model], proposing: [model: routing], context: context).report
        }
        guard !report.succeeded else { return nil }
        return report.failures.map { "\($0.key): \($0.error ?? "failed")" }.joined(separator: "; ")
    }
}

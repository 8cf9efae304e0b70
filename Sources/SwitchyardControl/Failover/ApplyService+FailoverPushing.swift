import SwitchyardStore

extension ApplyService: FailoverPushing {
    /// Applies `models` through their appliers, first in line (see ``ApplyService``) and within
    /// ``failoverPushTimeout`` (doubled after each push of the same models that ran out of time). A failed item that serves a model fails that model's switch; a failed shared
    /// object (a NodePool) does not hold back any switch: the ApplyService has audited it and the next apply
    /// retries it, while the weights that move traffic did go out.
    public func push(models: Set<String>, context: ChangeContext) async throws -> [String: String] {
        let timeout = failoverDeadlines?.timeout(for: models)
        let report = try await lock.withLock(.models(models), priority: .failover) { _ in
            try await self.pushChanges(
                models: models, context: context, mode: timeout.map { .deadline(.now + $0) } ?? .direct)
        }
        guard !report.succeeded else {
            failoverDeadlines?.record(models: models, missed: [])
            return [:]
        }
        let modelOfKey = try await scope(models: models).plan.items.values.joined()
            .reduce(into: [String: String]()) { result, item in
                if let model = item.model { result[item.key] = model }
            }
        var failures: [String: String] = [:]
        var missed: Set<String> = []
        for outcome in report.failures {
            guard let model = modelOfKey[outcome.key], let error = outcome.error else { continue }
            failures[model] = failures[model].map { "\($0); \(outcome.key): \(error)" } ?? "\(outcome.key): \(error)"
            if error == PushMode.deadlineMissed { missed.insert(model) }
        }
        failoverDeadlines?.record(models: models, missed: missed)
        return failures
    }
}

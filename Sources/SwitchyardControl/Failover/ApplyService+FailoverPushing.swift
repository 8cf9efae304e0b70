import SwitchyardStore

extension ApplyService: FailoverPushing {
    /// Applies the models through their appliers, first in line (see ``ApplyService``) and within
    /// ``failoverPushTimeout`` (doubled after each push of the same models that ran out of time), planned from the
    /// fleet and routing handed down. A failed item that serves a model fails that model's switch; a failed shared
    /// object (a NodePool) does not hold back any switch: the ApplyService has audited it and the next apply
    /// retries it, while the weights that move traffic did go out.
    public func push(_ push: FailoverPush) async throws -> [String: String] {
        reader.handDown(push.routing)
        let models = push.models
        let timeout = failoverDeadlines?.timeout(for: models)
        let result = try await lock.withLock(.models(models), priority: .failover) { _ in
            try await self.pushChanges(
                models: models, given: (push.fleet, push.routing), context: push.context,
                mode: timeout.map { .deadline(.now + $0) } ?? .direct)
        }
        var failures: [String: String] = [:]
        var missed: Set<String> = []
        for outcome in result.report.failures {
            guard let model = result.modelOfKey[outcome.key], let error = outcome.error else { continue }
            failures[model] = failures[model].map { "\($0); \(outcome.key): \(error)" } ?? "\(outcome.key): \(error)"
            if error == PushMode.deadlineMissed { missed.insert(model) }
        }
        failoverDeadlines?.record(models: models, missed: missed)
        return failures
    }

    public func settle() async {
        reader.handDown(nil)
    }
}

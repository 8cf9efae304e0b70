import SwitchyardStore

extension ApplyService: FailoverPushing {
    /// Applies `models` through their appliers. A failed item that serves a model fails that model's switch;
    /// a failed shared object (a NodePool) does not hold back any switch: the ApplyService has audited it and
    /// the next apply retries it, while the weights that move traffic did go out.
    public func push(models: Set<String>, context: ChangeContext) async throws -> [String: String] {
        let report = try await apply(models: models, dryRun: false, context: context)
        guard !report.succeeded else { return [:] }
        let modelOfKey = try await scope(models: models).plan.items.values.joined()
            .reduce(into: [String: String]()) { result, item in
                if let model = item.model { result[item.key] = model }
            }
        var failures: [String: String] = [:]
        for outcome in report.failures {
            guard let model = modelOfKey[outcome.key], let error = outcome.error else { continue }
            failures[model] = failures[model].map { "\($0); \(outcome.key): \(error)" } ?? "\(outcome.key): \(error)"
        }
        return failures
    }
}

import Foundation
import SwitchyardCore

/// A model's demand from one Prometheus instant query per model: a template such as
/// `sum(rate(http_requests_total{model="{model}"}[1m]))` with `{model}` replaced by the model's name. The rate
/// is the sum of the result's series (one, for a `sum`); an empty result, or one that is not a finite rate
/// of 0 or more, is no sample.
public struct PrometheusDemandSource: DemandSource {
    /// What the template's placeholder looks like.
    public static let modelPlaceholder = "{model}"

    let client: PrometheusQueryClient
    let queryTemplate: String
    let now: @Sendable () -> Date

    public var name: String { "prometheus" }

    /// - Parameter now: the time a sample is observed at (the instant query evaluates at the server's now).
    public init(client: PrometheusQueryClient, queryTemplate: String, now: @escaping @Sendable () -> Date = { Date() }) {
        self.client = client
        self.queryTemplate = queryTemplate
        self.now = now
    }

    /// The query for `model`. Model names are DNS-1123 names, which need no escaping inside a PromQL string;
    /// quotes and backslashes are escaped all the same.
    public func query(model: String) -> String {
        let escaped = model.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return queryTemplate.replacingOccurrences(of: Self.modelPlaceholder, with: escaped)
    }

    public func sample(model: String) async throws -> DemandSample? {
        let series = try await client.query(query(model: model))
        guard !series.isEmpty else { return nil }
        let rps = series.reduce(0) { $0 + $1.value }
        guard rps.isFinite, rps >= 0 else { return nil }
        return DemandSample(model: model, observedAt: now(), rps: rps, source: "prometheus")
    }
}

import SwitchyardCore

/// A rollout's gate metrics from two Prometheus instant queries, templates in which `{model}`, `{version}`,
/// `{units}` (the target version's unit names as a regular expression, `a|b`) and `{quantile}` (0.5, 0.95 or 0.99
/// for the gate's percentile) are replaced. The error-rate query gives a fraction, the latency query milliseconds;
/// the largest series of each result counts (the worst unit, when a query keeps units apart), and an empty result or
/// one that is not a finite number of 0 or more is no data: 0/0 when nothing reached the canary yet.
public struct PrometheusGateSource: GateMetricsSource {
    public static let defaultErrorRateQuery =
        #"sum(rate(http_requests_total{model="{model}",version="{version}",code=~"5.."}[5m])) / sum(rate(http_requests_total{model="{model}",version="{version}"}[5m]))"#
    public static let defaultLatencyQuery =
        #"1000 * histogram_quantile({quantile}, sum by (le) (rate(http_request_duration_seconds_bucket{model="{model}",version="{version}"}[5m])))"#

    let client: PrometheusQueryClient
    public let errorRateQuery: String
    public let latencyQuery: String

    public init(
        client: PrometheusQueryClient, errorRateQuery: String = Self.defaultErrorRateQuery,
        latencyQuery: String = Self.defaultLatencyQuery
    ) {
        self.client = client
        self.errorRateQuery = errorRateQuery
        self.latencyQuery = latencyQuery
    }

    public func reading(for rollout: Rollout, units: [DeploymentUnit]) async throws -> GateReading {
        let names = units.filter { $0.version == rollout.toVersion }.map(\.name).sorted()
        async let errorRate = value(of: query(errorRateQuery, rollout, units: names))
        async let latency = value(of: query(latencyQuery, rollout, units: names))
        return GateReading(errorRate: try await errorRate, latencyMs: try await latency)
    }

    /// `template` with its placeholders replaced. Model names, versions and unit names are label values (checked
    /// when stored); quotes and backslashes are escaped all the same.
    public func query(_ template: String, _ rollout: Rollout, units: [String]) -> String {
        func escaped(_ text: String) -> String {
            text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        }
        let quantile = switch rollout.gates.latencyPercentile {
        case .p50: "0.5"
        case .p95: "0.95"
        case .p99: "0.99"
        }
        return template
            .replacingOccurrences(of: "{model}", with: escaped(rollout.model))
            .replacingOccurrences(of: "{version}", with: escaped(rollout.toVersion))
            .replacingOccurrences(of: "{units}", with: units.map(escaped).joined(separator: "|"))
            .replacingOccurrences(of: "{quantile}", with: quantile)
    }

    private func value(of query: String) async throws -> Double? {
        let values = try await client.query(query).map(\.value).filter { $0.isFinite && $0 >= 0 }
        return values.max()
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore

/// The demand poller and its sources: Prometheus and CloudWatch, each when configured.
extension ControlPlane {
    /// The demand poller, when at least one demand source is configured.
    static func demandPoller(
        options: ControlPlaneOptions, store: AppDatabase, leadership: any Leadership, environment: EnvironmentDefault,
        logger: Logger
    ) throws -> DemandPoller? {
        var sources: [any DemandSource] = []
        if let prometheus = try prometheusDemandSource(options: options, environment: environment, logger: logger) {
            sources.append(prometheus)
        }
        if let cloudWatch = try cloudWatchDemandSource(
            options: options.demandCloudWatch, store: store, environment: environment, logger: logger)
        {
            sources.append(cloudWatch)
        }
        guard !sources.isEmpty else { return nil }
        let interval = try seconds(options.demandInterval, "SWITCHYARD_DEMAND_INTERVAL", default: 60, environment)
        logger.info("demand sources", metadata: [
            "sources": "\(sources.map(\.name).joined(separator: ","))", "interval": "\(interval)",
        ])
        return DemandPoller(
            database: store, sources: sources, interval: .seconds(max(1, interval)), leadership: leadership)
    }

    /// A Prometheus server and a query per model, both needed once either is given.
    private static func prometheusDemandSource(
        options: ControlPlaneOptions, environment: EnvironmentDefault, logger: Logger
    ) throws -> PrometheusDemandSource? {
        let query = environment.optionalString(options.demandPrometheusQuery, "SWITCHYARD_DEMAND_PROMETHEUS_QUERY")
        guard let url = environment.optionalString(options.demandPrometheusURL, "SWITCHYARD_DEMAND_PROMETHEUS_URL") else {
            if query != nil { throw ControlPlaneError.needs("--demand-prometheus-query", "--demand-prometheus-url") }
            return nil
        }
        guard let query else { throw ControlPlaneError.needs("--demand-prometheus-url", "--demand-prometheus-query") }
        guard query.contains(PrometheusDemandSource.modelPlaceholder) else {
            throw ControlPlaneError.invalidQuery("--demand-prometheus-query", query)
        }
        logger.info("demand from prometheus", metadata: ["url": "\(url)", "query": "\(query)"])
        return PrometheusDemandSource(client: PrometheusQueryClient(httpClient: .shared, baseURL: url), queryTemplate: query)
    }

    /// A CloudWatch namespace and at least one metric, both needed once either (or a dimension) is given; the
    /// region, endpoint and credentials from the AWS environment.
    private static func cloudWatchDemandSource(
        options: CloudWatchDemandOptions, store: AppDatabase, environment: EnvironmentDefault, logger: Logger
    ) throws -> CloudWatchDemandSource? {
        let metrics = list(options.metrics, "SWITCHYARD_DEMAND_CLOUDWATCH_METRIC", environment)
        let dimensionTexts = list(options.dimensions, "SWITCHYARD_DEMAND_CLOUDWATCH_DIMENSION", environment)
        guard let namespace = environment.optionalString(options.namespace, "SWITCHYARD_DEMAND_CLOUDWATCH_NAMESPACE") else {
            if !metrics.isEmpty { throw ControlPlaneError.needs("--demand-cloudwatch-metric", "--demand-cloudwatch-namespace") }
            if !dimensionTexts.isEmpty { throw ControlPlaneError.needs("--demand-cloudwatch-dimension", "--demand-cloudwatch-namespace") }
            return nil
        }
        guard !metrics.isEmpty else { throw ControlPlaneError.needs("--demand-cloudwatch-namespace", "--demand-cloudwatch-metric") }
        let dimensions = try dimensionTexts.map { text -> CloudWatchDemandSource.Configuration.Dimension in
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex, text.index(after: equals) != text.endIndex else {
                throw ControlPlaneError.invalidDimension(text)
            }
            return .init(name: String(text[..<equals]), valueTemplate: String(text[text.index(after: equals)...]))
        }
        let configuration = CloudWatchDemandSource.Configuration(
            namespace: namespace, metricNames: metrics, dimensions: dimensions,
            statistic: environment.string(options.statistic, "SWITCHYARD_DEMAND_CLOUDWATCH_STAT", default: "Sum"),
            periodSeconds: try seconds(options.periodSeconds, "SWITCHYARD_DEMAND_CLOUDWATCH_PERIOD", default: 60, environment),
            delaySeconds: try seconds(options.delaySeconds, "SWITCHYARD_DEMAND_CLOUDWATCH_DELAY", default: 60, environment))
        guard configuration.namesModel else {
            throw ControlPlaneError.invalidTemplates(
                "--demand-cloudwatch-metric or a --demand-cloudwatch-dimension value",
                (metrics + dimensionTexts).joined(separator: " "))
        }
        let aws = AWSEnvironment(environment.environment)
        let region = aws.region ?? "us-west-2"
        let client = CloudWatchClient(
            httpClient: .shared, region: region, endpoint: aws.cloudWatchEndpoint,
            credentials: CredentialsProviderChain.standard(environment: environment.environment, httpClient: .shared, region: region))
        let source = try CloudWatchDemandSource(
            client: client, configuration: configuration,
            unitNames: { model in
                try await store.list(DeploymentUnit.self, filter: .init(model: model), limit: 1000).items.map(\.value.name)
            })
        logger.info("demand from cloudwatch", metadata: [
            "region": "\(region)", "endpoint": "\(client.query.endpoint)", "namespace": "\(namespace)",
            "metrics": "\(metrics.joined(separator: ","))", "dimensions": "\(dimensionTexts.joined(separator: ","))",
            "statistic": "\(configuration.statistic)", "period": "\(configuration.periodSeconds)",
            "delay": "\(configuration.delaySeconds)",
        ])
        return source
    }

    /// The flag's values, else the variable's comma-separated values.
    private static func list(_ flag: [String], _ variable: String, _ environment: EnvironmentDefault) -> [String] {
        guard flag.isEmpty else { return flag }
        return environment.optionalString(nil, variable)?
            .split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } ?? []
    }
}

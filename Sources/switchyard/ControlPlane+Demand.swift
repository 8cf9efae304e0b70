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
        settings: ControlPlaneSettings, store: any ServiceStore, leadership: any Leadership, logger: Logger
    ) throws -> DemandPoller? {
        var sources: [any DemandSource] = []
        if let (url, query) = settings.demandPrometheus {
            logger.info("demand from prometheus", metadata: ["url": "\(url)", "query": "\(query)"])
            sources.append(PrometheusDemandSource(
                client: PrometheusQueryClient(httpClient: .shared, baseURL: url), queryTemplate: query))
        }
        if let configuration = settings.demandCloudWatch {
            sources.append(try cloudWatchDemandSource(
                configuration: configuration, environment: settings.source.environment, store: store, logger: logger))
        }
        guard !sources.isEmpty else { return nil }
        logger.info("demand sources", metadata: [
            "sources": "\(sources.map(\.name).joined(separator: ","))", "interval": "\(settings.demandIntervalSeconds)",
        ])
        return DemandPoller(
            database: store, sources: sources, interval: .seconds(settings.demandIntervalSeconds), leadership: leadership)
    }

    /// CloudWatch with the region, endpoint and credentials from the AWS environment.
    private static func cloudWatchDemandSource(
        configuration: CloudWatchDemandSource.Configuration, environment: [String: String], store: any ServiceStore,
        logger: Logger
    ) throws -> CloudWatchDemandSource {
        let aws = AWSEnvironment(environment)
        let region = aws.region ?? "us-west-2"
        let client = CloudWatchClient(
            httpClient: .shared, region: region, endpoint: aws.cloudWatchEndpoint,
            credentials: CredentialsProviderChain.standard(environment: environment, httpClient: .shared, region: region))
        let source = try CloudWatchDemandSource(
            client: client, configuration: configuration,
            unitNames: { model in
                try await store.list(DeploymentUnit.self, filter: .init(model: model), limit: 1000).items.map(\.value.name)
            })
        logger.info("demand from cloudwatch", metadata: [
            "region": "\(region)", "endpoint": "\(client.query.endpoint)", "namespace": "\(configuration.namespace)",
            "metrics": "\(configuration.metricNames.joined(separator: ","))",
            "dimensions": "\(configuration.dimensions.map { "\($0.name)=\($0.valueTemplate)" }.joined(separator: ","))",
            "statistic": "\(configuration.statistic)", "period": "\(configuration.periodSeconds)",
            "delay": "\(configuration.delaySeconds)",
        ])
        return source
    }
}

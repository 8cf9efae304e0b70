import SwitchyardAdapters

/// Everything `serve`'s control plane is configured with, read and checked before anything starts: a bad value
/// stops the process before the database is opened.
struct ControlPlaneSettings {
    /// The settings the values were read from, with the process environment (AWS, Kubernetes, host name).
    let source: Settings
    let pushDirectory: String
    let kubeconfig: String?
    let kubeContext: String?
    let elbv2: Bool
    let driftIntervalSeconds: Int
    let failoverIntervalSeconds: Int
    let holdTimeSeconds: Int
    let minimumDwellSeconds: Int
    let capacityPrometheusURL: String?
    let pendingPodsThresholdSeconds: Int
    let karpenterQuietPeriodSeconds: Int
    let failoverPushTimeoutMilliseconds: Int
    let observerDownThresholdSeconds: Int
    /// This replica's name, unique per process: in the Lease, with the leadership terms it claims and the queued
    /// applies it takes.
    let identity: String
    /// Leader election through a Lease, when configured.
    let lease: LeaseSettings?
    /// The Prometheus server and query the demand poller asks, when configured.
    let demandPrometheus: (url: String, query: String)?
    let demandCloudWatch: CloudWatchDemandSource.Configuration?
    let demandIntervalSeconds: Int
    let demandHorizonSeconds: Int
    let adaptiveIntervalSeconds: Int
    let rolloutIntervalSeconds: Int
    /// The Prometheus server and queries the rollout gates ask, when configured.
    let rolloutPrometheus: (url: String, errorRateQuery: String, latencyQuery: String)?

    init(_ settings: Settings) throws {
        source = settings
        pushDirectory = settings.string("pushDir", default: "./switchyard-manifests")
        kubeconfig = settings.string("kubeconfig") ?? settings.environment["KUBECONFIG"].flatMap { $0.isEmpty ? nil : $0 }
        kubeContext = settings.string("kubeContext")
        elbv2 = try settings.bool("elbv2")
        driftIntervalSeconds = try settings.seconds("driftInterval", default: 60)
        failoverIntervalSeconds = try settings.int("failoverInterval", default: 5, minimum: 1, unit: " of seconds")
        holdTimeSeconds = try settings.seconds("holdTime", default: 600)
        minimumDwellSeconds = try settings.seconds("minDwell", default: 60)
        capacityPrometheusURL = settings.string("capacityPrometheusUrl")
        pendingPodsThresholdSeconds = try settings.seconds("pendingPodsThreshold", default: 120)
        karpenterQuietPeriodSeconds = try settings.seconds("karpenterQuietPeriod", default: 180)
        failoverPushTimeoutMilliseconds = try settings.int(
            "failoverPushTimeoutMs", default: 1500, minimum: 1, unit: " of milliseconds")
        observerDownThresholdSeconds = try settings.seconds("observerDownThreshold", default: 60)
        identity = settings.string("leaseIdentity") ?? LeaseSettings.processIdentity(environment: settings.environment)
        lease = try LeaseSettings(settings, identity: identity)
        demandPrometheus = try Self.demandPrometheus(settings)
        demandCloudWatch = try Self.demandCloudWatch(settings)
        demandIntervalSeconds = try settings.int("demandInterval", default: 60, minimum: 1, unit: " of seconds")
        demandHorizonSeconds = try settings.seconds("demandHorizon", default: 720)
        adaptiveIntervalSeconds = try settings.seconds("adaptiveInterval", default: 60)
        rolloutIntervalSeconds = try settings.seconds("rolloutInterval", default: 15)
        let errorRateQuery = settings.string("rolloutErrorRateQuery"), latencyQuery = settings.string("rolloutLatencyQuery")
        if let url = settings.string("rolloutPrometheusUrl") {
            rolloutPrometheus = (
                url, errorRateQuery ?? PrometheusGateSource.defaultErrorRateQuery,
                latencyQuery ?? PrometheusGateSource.defaultLatencyQuery)
        } else if errorRateQuery != nil || latencyQuery != nil {
            throw ControlPlaneError.needs(
                errorRateQuery != nil ? "--rollout-error-rate-query" : "--rollout-latency-query", "--rollout-prometheus-url")
        } else {
            rolloutPrometheus = nil
        }
    }

    /// A Prometheus server and a query per model, both needed once either is given.
    private static func demandPrometheus(_ settings: Settings) throws -> (url: String, query: String)? {
        let query = settings.string("demandPrometheusQuery")
        guard let url = settings.string("demandPrometheusUrl") else {
            if query != nil { throw ControlPlaneError.needs("--demand-prometheus-query", "--demand-prometheus-url") }
            return nil
        }
        guard let query else { throw ControlPlaneError.needs("--demand-prometheus-url", "--demand-prometheus-query") }
        guard query.contains(PrometheusDemandSource.modelPlaceholder) else {
            throw ControlPlaneError.invalidQuery("--demand-prometheus-query", query)
        }
        return (url, query)
    }

    /// A CloudWatch namespace and at least one metric, both needed once either (or a dimension) is given.
    private static func demandCloudWatch(_ settings: Settings) throws -> CloudWatchDemandSource.Configuration? {
        let metrics = settings.list("demandCloudwatchMetric")
        let dimensionTexts = settings.list("demandCloudwatchDimension")
        guard let namespace = settings.string("demandCloudwatchNamespace") else {
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
            statistic: settings.string("demandCloudwatchStat", default: "Sum"),
            periodSeconds: try settings.seconds("demandCloudwatchPeriod", default: 60),
            delaySeconds: try settings.seconds("demandCloudwatchDelay", default: 60))
        guard configuration.namesModel else {
            throw ControlPlaneError.invalidTemplates(
                "--demand-cloudwatch-metric or a --demand-cloudwatch-dimension value",
                (metrics + dimensionTexts).joined(separator: " "))
        }
        return configuration
    }
}

import AsyncHTTPClient
import Foundation
import Logging
import Prometheus
import ServiceLifecycle
import SwitchyardAdapters
import SwitchyardAPI
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore

/// The control-plane side of `serve`, wired in one place: appliers from configuration, the apply service,
/// the failover controller fed by observers, drift correction, demand polling, and (with a Lease namespace) leader
/// election.
struct ControlPlane {
    let services: ControlServices
    /// Background services for the process's service group.
    let background: [any ServiceLifecycle.Service]
    /// Closed after the service group has stopped.
    let kubernetes: LiveKubernetesClient?
    /// How far ahead the API's demand forecasts look, seconds.
    let demandHorizonSeconds: Double

    static func build(
        options: ControlPlaneOptions, render: RenderSettings, store: AppDatabase, logger: Logger,
        metrics: PrometheusCollectorRegistry, environment: EnvironmentDefault = EnvironmentDefault()
    ) async throws -> ControlPlane {
        var appliers: [any Applier] = []
        let pushDirectory = environment.string(options.pushDir, "SWITCHYARD_PUSH_DIR", default: "./switchyard-manifests")
        appliers.append(FilesApplier(directory: URL(fileURLWithPath: pushDirectory, isDirectory: true)))

        let kubernetes = try kubernetesClient(options: options, environment: environment, logger: logger)
        if let kubernetes {
            appliers.append(KubernetesApplier(api: kubernetes, cache: KubernetesObjectCache(api: kubernetes)))
            appliers.append(ALBAnnotationApplier(api: kubernetes))
        }
        if environment.bool(options.elbv2, "SWITCHYARD_ELBV2") {
            let aws = AWSEnvironment(environment.environment)
            let region = aws.region ?? "us-west-2"
            let credentials = CredentialsProviderChain.standard(
                environment: environment.environment, httpClient: .shared, region: region)
            appliers.append(ELBv2Applier(loadBalancer: ELBv2Client(
                httpClient: .shared, region: region, endpoint: aws.elbv2Endpoint, credentials: credentials)))
        }
        logger.info("push targets", metadata: ["appliers": "\(appliers.map(\.kind.rawValue).joined(separator: ","))"])
        let exporter = ControlMetricsExporter(registry: metrics, targets: appliers.map(\.kind))

        let pushTimeout = try seconds(options.failoverPushTimeoutMs, "SWITCHYARD_FAILOVER_PUSH_TIMEOUT_MS", default: 1500, environment)
        let apply = ApplyService(
            database: store, appliers: appliers, settings: render,
            failoverPushTimeout: .milliseconds(max(1, pushTimeout)), metrics: exporter)
        var background: [any ServiceLifecycle.Service] = []
        var leadership: any Leadership = SingleReplicaLeadership()
        if let namespace = environment.optionalString(options.leaseNamespace, "SWITCHYARD_LEASE_NAMESPACE") {
            guard let kubernetes else {
                throw ControlPlaneError.needsKubernetes("--lease-namespace")
            }
            let identity = ProcessInfo.processInfo.environment["HOSTNAME"] ?? ProcessInfo.processInfo.hostName
            let elector = LeaderElector(
                kubernetes: kubernetes, configuration: .init(namespace: namespace, identity: identity))
            leadership = elector
            background.append(elector)
        }
        let settings = FailoverSettings(
            holdTime: TimeInterval(try seconds(options.holdTime, "SWITCHYARD_HOLD_TIME", default: 600, environment)),
            minimumDwell: TimeInterval(try seconds(options.minDwell, "SWITCHYARD_MIN_DWELL", default: 60, environment)))
        let failover = FailoverController(
            database: store, pusher: apply, leadership: leadership, settings: settings, metrics: exporter)

        var observerSettings = CapacityObserverSettings()
        if kubernetes != nil {
            observerSettings.karpenterEvents = .init(
                quietPeriodSeconds: try seconds(options.karpenterQuietPeriod, "SWITCHYARD_KARPENTER_QUIET_PERIOD", default: 180, environment))
            observerSettings.pendingPods = .init(
                thresholdSeconds: try seconds(options.pendingPodsThreshold, "SWITCHYARD_PENDING_PODS_THRESHOLD", default: 120, environment))
        }
        if let url = environment.optionalString(options.capacityPrometheusURL, "SWITCHYARD_CAPACITY_PROMETHEUS_URL") {
            observerSettings.prometheus = .init(url: url)
        }
        let observers = observerSettings.observers(fleet: store, kubernetes: kubernetes)
        logger.info("capacity observers", metadata: ["observers": "\(observers.map(\.name).joined(separator: ","))"])
        let interval = try seconds(options.failoverInterval, "SWITCHYARD_FAILOVER_INTERVAL", default: 5, environment)
        background.append(FailoverLoop(controller: failover, observers: observers, interval: .seconds(max(1, interval))))

        let drift = try seconds(options.driftInterval, "SWITCHYARD_DRIFT_INTERVAL", default: 60, environment)
        if drift > 0 {
            background.append(DriftCorrectionService(corrector: DriftCorrector(applyService: apply), interval: .seconds(drift)))
        }
        if let poller = try demandPoller(
            options: options, store: store, leadership: leadership, environment: environment, logger: logger)
        {
            background.append(poller)
        }
        let horizon = try seconds(options.demandHorizon, "SWITCHYARD_DEMAND_HORIZON", default: 720, environment)
        let adaptiveInterval = try seconds(options.adaptiveInterval, "SWITCHYARD_ADAPTIVE_INTERVAL", default: 60, environment)
        var adaptiveController: AdaptiveController?
        if adaptiveInterval > 0 {
            let adaptive = AdaptiveController(
                database: store, pusher: apply,
                readiness: kubernetes.map { DeploymentReadiness(kubernetes: $0) } ?? UnknownReadiness(),
                leadership: leadership, secondsUntilServing: Double(horizon))
            background.append(AdaptiveLoop(
                controller: adaptive, interval: .seconds(adaptiveInterval), wakeups: failover.poolHealthChanges))
            adaptiveController = adaptive
        }
        return ControlPlane(
            services: ControlServices(
                apply: apply, failover: failover, adaptive: adaptiveController,
                observerDownThresholdSeconds: Double(
                    try seconds(options.observerDownThreshold, "SWITCHYARD_OBSERVER_DOWN_THRESHOLD", default: 60, environment))),
            background: background, kubernetes: kubernetes,
            demandHorizonSeconds: Double(horizon))
    }

    private static func kubernetesClient(
        options: ControlPlaneOptions, environment: EnvironmentDefault, logger: Logger
    ) throws -> LiveKubernetesClient? {
        let path = environment.optionalString(options.kubeconfig, "SWITCHYARD_KUBECONFIG")
            ?? environment.optionalString(nil, "KUBECONFIG")
        if let path {
            let configuration = try KubeConfig.load(path: path).clientConfiguration(
                context: environment.optionalString(options.kubeContext, "SWITCHYARD_KUBE_CONTEXT"))
            logger.info("kubernetes", metadata: ["server": "\(configuration.server)", "source": "kubeconfig"])
            return try LiveKubernetesClient(configuration: configuration)
        }
        if environment.optionalString(nil, "KUBERNETES_SERVICE_HOST") != nil {
            let configuration = try KubernetesClientConfiguration.inCluster()
            logger.info("kubernetes", metadata: ["server": "\(configuration.server)", "source": "service account"])
            return try LiveKubernetesClient(configuration: configuration)
        }
        return nil
    }

    /// Whole seconds of at least 0 from the flag, else the variable, else the default.
    static func seconds(_ flag: Int?, _ variable: String, default fallback: Int, _ environment: EnvironmentDefault) throws -> Int {
        if let flag { return try nonNegative(flag, variable) }
        guard let text = environment.optionalString(nil, variable) else { return fallback }
        guard let value = Int(text) else { throw ControlPlaneError.invalidSetting(variable, text) }
        return try nonNegative(value, variable)
    }

    private static func nonNegative(_ value: Int, _ name: String) throws -> Int {
        guard value >= 0 else { throw ControlPlaneError.invalidSetting(name, "\(value)") }
        return value
    }
}

enum ControlPlaneError: Error, CustomStringConvertible {
    case needsKubernetes(String)
    case invalidSetting(String, String)
    case needs(String, String)
    case invalidQuery(String, String)
    case invalidTemplates(String, String)
    case invalidDimension(String)

    var description: String {
        switch self {
        case .needsKubernetes(let option): "\(option) needs a Kubernetes connection (--kubeconfig, KUBECONFIG or a service account)"
        case .invalidSetting(let name, let value): "\(name) must be a whole number >= 0 (milliseconds where it ends in _MS, else seconds), got '\(value)'"
        case .needs(let option, let other): "\(option) needs \(other) (or its SWITCHYARD_ variable)"
        case .invalidQuery(let option, let query): "\(option) must contain {model} where the model's name goes, got '\(query)'"
        case .invalidTemplates(let options, let templates):
            "\(options) must contain {model} or {unit} where a name goes, got '\(templates)'"
        case .invalidDimension(let text): "--demand-cloudwatch-dimension must be NAME=VALUE, got '\(text)'"
        }
    }
}

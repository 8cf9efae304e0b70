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
        settings: ControlPlaneSettings, render: RenderSettings, store: any ServiceStore, shared: PostgresLocation?,
        logger: Logger, metrics: PrometheusCollectorRegistry
    ) async throws -> ControlPlane {
        var appliers: [any Applier] = []
        let pushDirectory = settings.pushDirectory
        appliers.append(FilesApplier(directory: URL(fileURLWithPath: pushDirectory, isDirectory: true)))

        let kubernetes = try kubernetesClient(settings: settings, logger: logger)
        if let kubernetes {
            appliers.append(KubernetesApplier(api: kubernetes, cache: KubernetesObjectCache(api: kubernetes)))
            appliers.append(ALBAnnotationApplier(api: kubernetes))
        }
        if settings.elbv2 {
            let aws = AWSEnvironment(settings.source.environment)
            let region = aws.region ?? "us-west-2"
            let credentials = CredentialsProviderChain.standard(
                environment: settings.source.environment, httpClient: .shared, region: region)
            appliers.append(ELBv2Applier(loadBalancer: ELBv2Client(
                httpClient: .shared, region: region, endpoint: aws.elbv2Endpoint, credentials: credentials)))
        }
        logger.info("push targets", metadata: ["appliers": "\(appliers.map(\.kind.rawValue).joined(separator: ","))"])
        let exporter = ControlMetricsExporter(registry: metrics, targets: appliers.map(\.kind))

        var background: [any ServiceLifecycle.Service] = []
        var leadership: any Leadership = SingleReplicaLeadership()
        if let lease = settings.lease {
            guard let kubernetes else {
                throw ControlPlaneError.needsKubernetes("--lease-namespace")
            }
            let elector = LeaderElector(
                kubernetes: kubernetes,
                configuration: .init(
                    namespace: lease.namespace, identity: lease.identity,
                    leaseDuration: .seconds(lease.durationSeconds), renewDeadline: .seconds(lease.renewDeadlineSeconds),
                    retryPeriod: .seconds(lease.retryPeriodSeconds)))
            logger.info("leader election", metadata: [
                "namespace": "\(lease.namespace)", "identity": "\(lease.identity)",
                "leaseDurationSeconds": "\(lease.durationSeconds)",
            ])
            leadership = elector
            background.append(elector)
        } else if let shared {
            // Replicas sharing a database without a Lease elect by the database's advisory lock.
            let lock = AdvisoryLockLeadership(lock: PostgresLeaderLock(location: shared))
            logger.info("leader election", metadata: ["advisoryLock": "\(PostgresLeaderLock.defaultKey)", "identity": "\(settings.identity)"])
            leadership = lock
            background.append(lock)
        }
        // Replicas that share a database fence every push with the leadership term the leader claimed there.
        let fence: any PushFence = shared == nil
            ? UnfencedPushes() : LeadershipFence(leadership: leadership, terms: store, holder: settings.identity)
        let pushTimeout = settings.failoverPushTimeoutMilliseconds
        // Nodes about to go: posted by the failover controller, planned around by every push.
        let warnings = NodeWarningBoard()
        let apply = ApplyService(
            database: store, appliers: appliers, settings: render,
            failoverPushTimeout: .milliseconds(pushTimeout), metrics: exporter, warnings: warnings, fence: fence)
        let failoverSettings = FailoverSettings(
            holdTime: TimeInterval(settings.holdTimeSeconds),
            minimumDwell: TimeInterval(settings.minimumDwellSeconds))
        let failover = FailoverController(
            database: store, pusher: apply, leadership: leadership, settings: failoverSettings, metrics: exporter,
            warnings: warnings)

        var observerSettings = CapacityObserverSettings()
        if kubernetes != nil {
            observerSettings.karpenterEvents = .init(
                quietPeriodSeconds: settings.karpenterQuietPeriodSeconds)
            observerSettings.pendingPods = .init(
                thresholdSeconds: settings.pendingPodsThresholdSeconds)
        }
        if let url = settings.capacityPrometheusURL {
            observerSettings.prometheus = .init(url: url)
        }
        let observers = observerSettings.observers(fleet: StoreFleetView(store: store), kubernetes: kubernetes)
        logger.info("capacity observers", metadata: ["observers": "\(observers.map(\.name).joined(separator: ","))"])
        let interval = settings.failoverIntervalSeconds
        background.append(FailoverLoop(controller: failover, observers: observers, interval: .seconds(interval)))
        if let kubernetes {
            // Spot node-hours per pool and family, the exposure behind the learned interruption rates.
            background.append(SpotExposureTracker(kubernetes: kubernetes, store: store, leadership: leadership))
        }

        let drift = settings.driftIntervalSeconds
        if drift > 0 {
            background.append(DriftCorrectionService(
                corrector: DriftCorrector(applyService: apply), interval: .seconds(drift), leadership: leadership))
        }
        if let poller = try demandPoller(
            settings: settings, store: store, leadership: leadership, logger: logger)
        {
            background.append(poller)
        }
        // Replicas that share a database push from the leader only: a follower's apply is queued for it.
        var handoff: ApplyHandoff?
        if shared != nil {
            handoff = ApplyHandoff(queue: store, leadership: leadership)
            background.append(ApplyQueueService(queue: store, apply: apply, leadership: leadership, identity: settings.identity))
        }
        let horizon = settings.demandHorizonSeconds
        let adaptiveInterval = settings.adaptiveIntervalSeconds
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
        var gates: any GateMetricsSource = NoGateMetrics()
        if let prometheus = settings.rolloutPrometheus {
            gates = PrometheusGateSource(
                client: PrometheusQueryClient(httpClient: .shared, baseURL: prometheus.url),
                errorRateQuery: prometheus.errorRateQuery, latencyQuery: prometheus.latencyQuery)
        }
        logger.info("rollout gates", metadata: ["source": "\(settings.rolloutPrometheus?.url ?? "none: no data")"])
        let rolloutPushes: any RolloutPushing = handoff.map { HandedOverRolloutPushes(apply: apply, handoff: $0) } ?? apply
        let rollouts = RolloutController(database: store, pusher: rolloutPushes, gates: gates, leadership: leadership)
        if settings.rolloutIntervalSeconds > 0 {
            background.append(RolloutLoop(controller: rollouts, interval: .seconds(settings.rolloutIntervalSeconds)))
        }
        return ControlPlane(
            services: ControlServices(
                apply: apply, failover: failover, adaptive: adaptiveController, rollouts: rollouts,
                observerDownThresholdSeconds: Double(
                    settings.observerDownThresholdSeconds),
                applyHandoff: handoff),
            background: background, kubernetes: kubernetes,
            demandHorizonSeconds: Double(horizon))
    }

    private static func kubernetesClient(
        settings: ControlPlaneSettings, logger: Logger
    ) throws -> LiveKubernetesClient? {
        let path = settings.kubeconfig
        if let path {
            let configuration = try KubeConfig.load(path: path).clientConfiguration(
                context: settings.kubeContext)
            logger.info("kubernetes", metadata: ["server": "\(configuration.server)", "source": "kubeconfig"])
            return try LiveKubernetesClient(configuration: configuration)
        }
        if settings.source.environment["KUBERNETES_SERVICE_HOST"]?.isEmpty == false {
            let configuration = try KubernetesClientConfiguration.inCluster()
            logger.info("kubernetes", metadata: ["server": "\(configuration.server)", "source": "service account"])
            return try LiveKubernetesClient(configuration: configuration)
        }
        return nil
    }
}

enum ControlPlaneError: Error, CustomStringConvertible {
    case needsKubernetes(String)
    case needs(String, String)
    case invalidQuery(String, String)
    case invalidTemplates(String, String)
    case invalidDimension(String)

    var description: String {
        switch self {
        case .needsKubernetes(let option): "\(option) needs a Kubernetes connection (--kubeconfig, KUBECONFIG or a service account)"
        case .needs(let option, let other): "\(option) needs \(other) (or its SWITCHYARD_ variable)"
        case .invalidQuery(let option, let query): "\(option) must contain {model} where the model's name goes, got '\(query)'"
        case .invalidTemplates(let options, let templates):
            "\(options) must contain {model} or {unit} where a name goes, got '\(templates)'"
        case .invalidDimension(let text): "--demand-cloudwatch-dimension must be NAME=VALUE, got '\(text)'"
        }
    }
}

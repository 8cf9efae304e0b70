import ArgumentParser

/// Where `serve` pushes, what it watches for capacity shortages, and how its loops are paced.
struct ControlPlaneOptions: ParsableArguments, SettingFlags {
    @Option(help: ArgumentHelp("Directory of the files applier, the default push target (env SWITCHYARD_PUSH_DIR; default ./switchyard-manifests).", valueName: "dir"))
    var pushDir: String?

    @Option(help: ArgumentHelp("kubeconfig for the kubernetes and alb-annotation appliers and the Kubernetes observers (env SWITCHYARD_KUBECONFIG, else KUBECONFIG); in a pod the service account is used.", valueName: "path"))
    var kubeconfig: String?

    @Option(help: ArgumentHelp("kubeconfig context (env SWITCHYARD_KUBE_CONTEXT; default its current context).", valueName: "name"))
    var kubeContext: String?

    @Flag(help: "Enable the elbv2 applier: weights straight to ALB listeners and rules, with credentials from the AWS environment, shared credentials file or EKS web identity (env SWITCHYARD_ELBV2=1).")
    var elbv2 = false

    @Option(help: ArgumentHelp("Seconds between drift checks of what was applied; 0 turns them off (env SWITCHYARD_DRIFT_INTERVAL; default 60).", valueName: "seconds"))
    var driftInterval: Int?

    @Option(help: ArgumentHelp("Seconds between failover passes when nothing is reported (env SWITCHYARD_FAILOVER_INTERVAL; default 5).", valueName: "seconds"))
    var failoverInterval: Int?

    @Option(help: ArgumentHelp("Seconds a pool must stay healthy before a model switches back to cost (env SWITCHYARD_HOLD_TIME; default 600).", valueName: "seconds"))
    var holdTime: Int?

    @Option(help: ArgumentHelp("Minimum seconds between two switches of one model (env SWITCHYARD_MIN_DWELL; default 60).", valueName: "seconds"))
    var minDwell: Int?

    @Option(help: ArgumentHelp("Prometheus server whose query names pools without capacity (env SWITCHYARD_CAPACITY_PROMETHEUS_URL).", valueName: "url"))
    var capacityPrometheusURL: String?

    @Option(help: ArgumentHelp("Seconds a unit's pods may stay Pending before their pool counts as short (env SWITCHYARD_PENDING_PODS_THRESHOLD; default 120; needs Kubernetes).", valueName: "seconds"))
    var pendingPodsThreshold: Int?

    @Option(help: ArgumentHelp("Seconds without a new Karpenter InsufficientCapacityError event before its pool is reported recovered by that source (env SWITCHYARD_KARPENTER_QUIET_PERIOD; default 180).", valueName: "seconds"))
    var karpenterQuietPeriod: Int?

    @Option(help: ArgumentHelp("Milliseconds a failover push may take once it holds its models; what does not answer in time fails the switch, which the next failover pass retries (env SWITCHYARD_FAILOVER_PUSH_TIMEOUT_MS; default 1500).", valueName: "milliseconds"))
    var failoverPushTimeoutMs: Int?

    @Option(help: ArgumentHelp("Seconds a capacity observer may be down (retrying its source) before /readyz answers 503 (env SWITCHYARD_OBSERVER_DOWN_THRESHOLD; default 60).", valueName: "seconds"))
    var observerDownThreshold: Int?

    @Option(help: ArgumentHelp("Namespace of the coordination.k8s.io Lease that elects the one active controller when Switchyard runs as several replicas (env SWITCHYARD_LEASE_NAMESPACE; default none: this replica is the controller, or on PostgreSQL the replica holding the database's advisory lock is).", valueName: "namespace"))
    var leaseNamespace: String?

    @Option(help: ArgumentHelp("Seconds the other replicas wait after the leader's last renewal before taking the Lease (env SWITCHYARD_LEASE_DURATION; default 15).", valueName: "seconds"))
    var leaseDuration: Int?

    @Option(help: ArgumentHelp("Seconds the leader counts itself leader after its last successful renewal; less than --lease-duration (env SWITCHYARD_LEASE_RENEW_DEADLINE; default 10).", valueName: "seconds"))
    var leaseRenewDeadline: Int?

    @Option(help: ArgumentHelp("Seconds between attempts to take or renew the Lease; less than --lease-renew-deadline (env SWITCHYARD_LEASE_RETRY_PERIOD; default 2).", valueName: "seconds"))
    var leaseRetryPeriod: Int?

    @Option(help: ArgumentHelp("This replica's name in the Lease, with the leadership terms it claims and the applies it takes from other replicas (env SWITCHYARD_LEASE_IDENTITY; default POD_NAME, else HOSTNAME, else the host name, followed by a random suffix, so that it is unique per process).", valueName: "name"))
    var leaseIdentity: String?

    @Option(help: ArgumentHelp("Prometheus server the demand poller asks for each model's request rate (env SWITCHYARD_DEMAND_PROMETHEUS_URL; default none: demand only from operators' reports).", valueName: "url"))
    var demandPrometheusURL: String?

    @Option(help: ArgumentHelp("Instant query for one model's demand in requests per second, with {model} where the model's name goes, e.g. 'sum(rate(http_requests_total{model=\"{model}\"}[1m]))' (env SWITCHYARD_DEMAND_PROMETHEUS_QUERY; needed with --demand-prometheus-url).", valueName: "promql"))
    var demandPrometheusQuery: String?

    @OptionGroup var demandCloudWatch: CloudWatchDemandOptions

    @Option(help: ArgumentHelp("Seconds between polls of the demand sources (env SWITCHYARD_DEMAND_INTERVAL; default 60).", valueName: "seconds"))
    var demandInterval: Int?

    @Option(help: ArgumentHelp("The time a new replica takes to serve, for units that declare no timeToServeSeconds: the demand forecast looks as far ahead as a model's slowest unit (env SWITCHYARD_DEMAND_HORIZON; default 720, the reference fleet's slowest node launch plus model load).", valueName: "seconds"))
    var demandHorizon: Int?

    @Option(help: ArgumentHelp("Seconds between adaptive rebalancer passes, for models with routing.adaptive (env SWITCHYARD_ADAPTIVE_INTERVAL; default 60; 0 turns the rebalancer off).", valueName: "seconds"))
    var adaptiveInterval: Int?

    @Option(help: ArgumentHelp("Seconds between rollout passes, which read each active rollout's gates and move its steps (env SWITCHYARD_ROLLOUT_INTERVAL; default 15; 0 turns the loop off: rollouts then move only by operators' actions).", valueName: "seconds"))
    var rolloutInterval: Int?

    @Option(help: ArgumentHelp("Prometheus server the rollout gates ask for the target version's error rate and latency (env SWITCHYARD_ROLLOUT_PROMETHEUS_URL; default none: gates have no data and each rollout follows its noData policy).", valueName: "url"))
    var rolloutPrometheusURL: String?

    @Option(help: ArgumentHelp("Instant query for a rollout's error rate (a fraction), with {model}, {version}, {units} and {quantile} replaced (env SWITCHYARD_ROLLOUT_ERROR_RATE_QUERY; default a ratio of http_requests_total 5xx by model and version).", valueName: "promql"))
    var rolloutErrorRateQuery: String?

    @Option(help: ArgumentHelp("Instant query for a rollout's latency in milliseconds at {quantile}, with {model}, {version}, {units} replaced (env SWITCHYARD_ROLLOUT_LATENCY_QUERY; default a histogram_quantile over http_request_duration_seconds_bucket by model and version).", valueName: "promql"))
    var rolloutLatencyQuery: String?

    func add(to flags: inout FlagValues) {
        flags.add("pushDir", pushDir)
        flags.add("kubeconfig", kubeconfig)
        flags.add("kubeContext", kubeContext)
        flags.add("elbv2", elbv2)
        flags.add("driftInterval", driftInterval)
        flags.add("failoverInterval", failoverInterval)
        flags.add("holdTime", holdTime)
        flags.add("minDwell", minDwell)
        flags.add("capacityPrometheusUrl", capacityPrometheusURL)
        flags.add("pendingPodsThreshold", pendingPodsThreshold)
        flags.add("karpenterQuietPeriod", karpenterQuietPeriod)
        flags.add("failoverPushTimeoutMs", failoverPushTimeoutMs)
        flags.add("observerDownThreshold", observerDownThreshold)
        flags.add("leaseNamespace", leaseNamespace)
        flags.add("leaseDuration", leaseDuration)
        flags.add("leaseRenewDeadline", leaseRenewDeadline)
        flags.add("leaseRetryPeriod", leaseRetryPeriod)
        flags.add("leaseIdentity", leaseIdentity)
        flags.add("demandPrometheusUrl", demandPrometheusURL)
        flags.add("demandPrometheusQuery", demandPrometheusQuery)
        flags.add("demandInterval", demandInterval)
        flags.add("demandHorizon", demandHorizon)
        flags.add("adaptiveInterval", adaptiveInterval)
        flags.add("rolloutInterval", rolloutInterval)
        flags.add("rolloutPrometheusUrl", rolloutPrometheusURL)
        flags.add("rolloutErrorRateQuery", rolloutErrorRateQuery)
        flags.add("rolloutLatencyQuery", rolloutLatencyQuery)
        demandCloudWatch.add(to: &flags)
    }
}

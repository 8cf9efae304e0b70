/// How the cluster objects are shaped: autoscaling trigger, ingress, node class, routing mode per model.
public struct RenderSettings: Sendable, Hashable {
    /// What KEDA reads each unit's throughput from.
    public var trigger: TriggerKind
    /// Fraction of the breaking point a replica is scaled at, 0 < u <= 1: headroom for bursts and scale-up lag.
    public var targetUtilization: Double
    /// The target of the ScaledObjects of models on the adaptive configuration, which launches capacity ahead of
    /// the forecast and so plans replicas at this utilisation (the rebalancer's `AdaptiveSettings.targetUtilization`).
    public var adaptiveTargetUtilization: Double
    /// Per model, overriding `targetUtilization` (set for models running adaptively).
    public var targetUtilizations: [String: Double]
    public var pollingIntervalSeconds: Int
    public var cooldownPeriodSeconds: Int
    /// The per-replica load below which a unit with `minReplicas == 0` is scaled to zero.
    public var activationThreshold: Double
    public var fallback: FallbackSettings?
    public var hpaBehavior: HPABehavior?
    public var cloudWatch: CloudWatchMetricSettings
    /// PromQL giving a unit's total requests per second; placeholders `{namespace}`, `{deployment}`,
    /// `{service}`, `{unit}`, `{model}`.
    public var prometheusQueryTemplate: String
    /// A KEDA TriggerAuthentication for the trigger, e.g. one using pod identity for CloudWatch.
    public var triggerAuthentication: String?
    public var ingress: IngressSettings
    /// The Gateway the HTTPRoutes of `gateway-api` models attach to, unless a model names its own.
    public var gateway: GatewayReference?
    public var nodeClass: NodeClassSettings
    public var defaultRoutingMode: RoutingMode
    /// Per model, overriding `defaultRoutingMode`.
    public var routingModes: [String: RoutingMode]
    /// Karpenter `expireAfter` for every pool's nodes.
    public var expireAfter: String
    public var disruptionBudgets: [NodePool.Budget]
    /// The port every Service listens on; the target port is the unit's container port.
    public var servicePort: Int
    public var probeInitialDelaySeconds: Int
    public var probePeriodSeconds: Int

    public init(
        trigger: TriggerKind = .awsCloudWatch,
        targetUtilization: Double = 0.8,
        adaptiveTargetUtilization: Double = AdaptiveSettings().targetUtilization,
        targetUtilizations: [String: Double] = [:],
        pollingIntervalSeconds: Int = 30,
        cooldownPeriodSeconds: Int = 300,
        activationThreshold: Double = 1,
        fallback: FallbackSettings? = FallbackSettings(),
        hpaBehavior: HPABehavior? = .standard,
        cloudWatch: CloudWatchMetricSettings = CloudWatchMetricSettings(),
        prometheusQueryTemplate: String = #"sum(rate(http_requests_total{namespace="{namespace}",service="{service}"}[1m]))"#,
        triggerAuthentication: String? = nil,
        ingress: IngressSettings = IngressSettings(),
        gateway: GatewayReference? = nil,
        nodeClass: NodeClassSettings = NodeClassSettings(),
        defaultRoutingMode: RoutingMode = .weightedServices,
        routingModes: [String: RoutingMode] = [:],
        expireAfter: String = "720h",
        disruptionBudgets: [NodePool.Budget] = [NodePool.Budget(nodes: "10%")],
        servicePort: Int = 80,
        probeInitialDelaySeconds: Int = 60,
        probePeriodSeconds: Int = 10
    ) {
        self.trigger = trigger
        self.targetUtilization = targetUtilization
        self.adaptiveTargetUtilization = adaptiveTargetUtilization
        self.targetUtilizations = targetUtilizations
        self.pollingIntervalSeconds = pollingIntervalSeconds
        self.cooldownPeriodSeconds = cooldownPeriodSeconds
        self.activationThreshold = activationThreshold
        self.fallback = fallback
        self.hpaBehavior = hpaBehavior
        self.cloudWatch = cloudWatch
        self.prometheusQueryTemplate = prometheusQueryTemplate
        self.triggerAuthentication = triggerAuthentication
        self.ingress = ingress
        self.gateway = gateway
        self.nodeClass = nodeClass
        self.defaultRoutingMode = defaultRoutingMode
        self.routingModes = routingModes
        self.expireAfter = expireAfter
        self.disruptionBudgets = disruptionBudgets
        self.servicePort = servicePort
        self.probeInitialDelaySeconds = probeInitialDelaySeconds
        self.probePeriodSeconds = probePeriodSeconds
    }

    /// The ScaledObject target utilisation of `model`'s units.
    public func targetUtilization(for model: String) -> Double {
        targetUtilizations[model] ?? targetUtilization
    }

    public func routingMode(for model: String) -> RoutingMode {
        routingModes[model] ?? defaultRoutingMode
    }
}

/// The KEDA scaler a ScaledObject uses.
public enum TriggerKind: Sendable, Hashable {
    /// `aws-cloudwatch`, as in seed 003/004: a per-unit counter metric.
    case awsCloudWatch
    /// `prometheus` at the given server, e.g. `http://prometheus.monitoring:9090`.
    case prometheus(serverAddress: String)
}

/// How a model's traffic reaches its units.
public enum RoutingMode: String, Codable, Sendable, Hashable, CaseIterable {
    /// One Service per unit; the ALB forward action splits traffic by the plan's weights (cost-optimized).
    case weightedServices
    /// One Service selecting every unit's pods; kube-proxy/ALB round-robin across pods (the seed's capacity-optimized form).
    case singleService
}

/// Where the CloudWatch trigger reads a unit's throughput.
public struct CloudWatchMetricSettings: Sendable, Hashable {
    /// The CloudWatch namespace the serving pods publish into.
    public var namespace: String
    /// Placeholders `{unit}`, `{model}`, `{deployment}`.
    public var metricNameTemplate: String
    /// Placeholders `{metricName}`, `{metricNamespace}`.
    public var expressionTemplate: String
    public var metricUnit: String
    /// What KEDA assumes when CloudWatch returns no data; 0 so an idle unit can scale to zero.
    public var minMetricValue: Double

    public init(
        namespace: String = "hw-agnostic-infer",
        metricNameTemplate: String = "{unit}-counter",
        expressionTemplate: String = #"SELECT SUM("{metricName}") FROM SCHEMA("{metricNamespace}")"#,
        metricUnit: String = "Count",
        minMetricValue: Double = 0
    ) {
        self.namespace = namespace
        self.metricNameTemplate = metricNameTemplate
        self.expressionTemplate = expressionTemplate
        self.metricUnit = metricUnit
        self.minMetricValue = minMetricValue
    }
}

/// What KEDA does when the trigger's metric cannot be read.
public struct FallbackSettings: Sendable, Hashable {
    public var failureThreshold: Int
    public var replicas: FallbackReplicas
    /// KEDA fallback behaviour: `static`, `currentReplicas`, `currentReplicasIfHigher`, `currentReplicasIfLower`.
    public var behavior: String?

    public init(failureThreshold: Int = 3, replicas: FallbackReplicas = .unitMinimum, behavior: String? = "currentReplicasIfHigher") {
        self.failureThreshold = failureThreshold
        self.replicas = replicas
        self.behavior = behavior
    }
}

public enum FallbackReplicas: Sendable, Hashable {
    /// The unit's minimum, at least one.
    case unitMinimum
    case unitMaximum
    /// A fixed count, kept within the unit's bounds.
    case fixed(Int)
}

/// The AWS Load Balancer Controller Ingress, with the health check of seed 003.
public struct IngressSettings: Sendable, Hashable {
    public var ingressClassName: String
    /// `internet-facing` or `internal`.
    public var scheme: String
    public var targetType: TargetType
    public var healthCheckPath: String
    public var healthCheckIntervalSeconds: Int
    public var healthCheckTimeoutSeconds: Int
    public var healthyThresholdCount: Int
    public var unhealthyThresholdCount: Int
    public var successCodes: String
    /// Shares one ALB among several Ingresses.
    public var groupName: String?
    /// Host per model; a model without one matches any host.
    public var hosts: [String: String]
    public var path: String
    /// Name target groups by the unit's ARN instead of its Service, where a unit has one.
    public var useTargetGroupARNs: Bool

    public enum TargetType: String, Sendable, Hashable {
        case ip, instance
    }

    public init(
        ingressClassName: String = "alb", scheme: String = "internet-facing", targetType: TargetType = .ip,
        healthCheckPath: String = "/health", healthCheckIntervalSeconds: Int = 10, healthCheckTimeoutSeconds: Int = 9,
        healthyThresholdCount: Int = 2, unhealthyThresholdCount: Int = 10, successCodes: String = "200-301",
        groupName: String? = nil, hosts: [String: String] = [:], path: String = "/", useTargetGroupARNs: Bool = false
    ) {
        self.ingressClassName = ingressClassName
        self.scheme = scheme
        self.targetType = targetType
        self.healthCheckPath = healthCheckPath
        self.healthCheckIntervalSeconds = healthCheckIntervalSeconds
        self.healthCheckTimeoutSeconds = healthCheckTimeoutSeconds
        self.healthyThresholdCount = healthyThresholdCount
        self.unhealthyThresholdCount = unhealthyThresholdCount
        self.successCodes = successCodes
        self.groupName = groupName
        self.hosts = hosts
        self.path = path
        self.useTargetGroupARNs = useTargetGroupARNs
    }
}

/// The EC2NodeClass the NodePools of pools without a node class of their own reference, and whether
/// Switchyard renders it.
public struct NodeClassSettings: Sendable, Hashable {
    public var name: String
    /// Nil: the node class exists already and is not Switchyard's to render.
    public var managed: ManagedNodeClass?

    public init(name: String = "default", managed: ManagedNodeClass? = nil) {
        self.name = name
        self.managed = managed
    }
}

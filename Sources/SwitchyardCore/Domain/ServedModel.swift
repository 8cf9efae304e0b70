/// A model that is served, with the service level it must meet and how its traffic is routed.
public struct ServedModel: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var slo: ServiceLevelObjective
    /// Expected steady demand in requests per second; the `optimal` strategy plans for it.
    public var expectedDemandRPS: Double?
    public var routing: RoutingSettings
    /// How much of the model's demand may ride on spot capacity, and the on-demand floor that carries it alone.
    public var spot: SpotSettings

    public init(
        name: String,
        slo: ServiceLevelObjective,
        expectedDemandRPS: Double? = nil,
        routing: RoutingSettings = RoutingSettings(),
        spot: SpotSettings = SpotSettings()
    ) {
        self.name = name
        self.slo = slo
        self.expectedDemandRPS = expectedDemandRPS
        self.routing = routing
        self.spot = spot
    }
}

/// The latency, error and utilisation bounds a unit must stay within to count a load as served.
public struct ServiceLevelObjective: Codable, Sendable, Equatable, Hashable {
    public var latencyPercentile: LatencyPercentile
    public var latencyThresholdMs: Double
    /// Fraction of failed requests tolerated, 0...1.
    public var maxErrorRate: Double
    /// Accelerator utilisation cap, 0...1.
    public var maxUtilization: Double

    public init(
        latencyPercentile: LatencyPercentile = .p95,
        latencyThresholdMs: Double,
        maxErrorRate: Double = 0.01,
        maxUtilization: Double = 1.0
    ) {
        self.latencyPercentile = latencyPercentile
        self.latencyThresholdMs = latencyThresholdMs
        self.maxErrorRate = maxErrorRate
        self.maxUtilization = maxUtilization
    }
}

public enum LatencyPercentile: String, Codable, Sendable, CaseIterable, Hashable {
    case p50, p95, p99
}

/// How a model's traffic is split, where its weights are pushed, and what it fails over to.
public struct RoutingSettings: Codable, Sendable, Equatable, Hashable {
    public var defaultStrategy: StrategyKind
    /// ALB target group stickiness; nil or 0 turns it off.
    public var stickinessSeconds: Int?
    /// Where this model's desired state is pushed.
    public var applier: ApplierKind
    /// The ALB listener whose default action carries the weights (`elbv2` applier).
    public var listenerARN: String?
    /// The listener rule whose forward action carries the weights (`elbv2` applier); wins over the listener.
    public var ruleARN: String?
    /// The configuration a pool shortage switches to: `capacity` (seed 004's) or `optimal` without the short pool.
    public var failoverStrategy: StrategyKind
    /// Runs the model on the adaptive configuration: the cheapest mix for its demand forecast, moved
    /// make-before-break by the rebalancer. Until the model has demand samples its default strategy applies.
    public var adaptive: Bool
    /// Warm replicas kept outside the adaptive mix, on the next-cheapest units in other pools, so a shortage
    /// fails over to replicas that already serve: `auto`, a number, or 0 (the default).
    public var standby: StandbyPolicy
    /// What runs the model's units: Deployments (the default) or KServe InferenceServices.
    public var workload: WorkloadKind
    /// What carries the weights, and so the limits the planner plans within. Defaults to the router the applier
    /// implies (`elbv2` for the `elbv2` applier, `alb-ingress` otherwise).
    public var router: RouterKind
    /// The Gateway the model's HTTPRoute attaches to (`gateway-api` router); nil: the render settings' Gateway.
    public var gateway: GatewayReference?

    public init(
        defaultStrategy: StrategyKind = .cost, stickinessSeconds: Int? = nil, applier: ApplierKind = .files,
        listenerARN: String? = nil, ruleARN: String? = nil, failoverStrategy: StrategyKind = .capacity,
        adaptive: Bool = false, standby: StandbyPolicy = .none, workload: WorkloadKind = .deployment,
        router: RouterKind? = nil, gateway: GatewayReference? = nil
    ) {
        self.defaultStrategy = defaultStrategy
        self.stickinessSeconds = stickinessSeconds
        self.applier = applier
        self.listenerARN = listenerARN
        self.ruleARN = ruleARN
        self.failoverStrategy = failoverStrategy
        self.adaptive = adaptive
        self.standby = standby
        self.workload = workload
        self.router = router ?? RouterKind.implied(by: applier)
        self.gateway = gateway
    }
}

/// Where a model's desired state is pushed.
public enum ApplierKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Server-side apply of every rendered object.
    case kubernetes
    /// Only the Ingress, whose forward-action annotation the AWS Load Balancer Controller turns into weights.
    case albAnnotation = "alb-annotation"
    /// Weights straight to the ALB listener or rule through the ELBv2 API.
    case elbv2
    /// Manifests written to a directory: the embedded default, a dry run that touches no cluster.
    case files
}

/// The routing strategies the planner knows.
public enum StrategyKind: String, Codable, Sendable, CaseIterable, Hashable {
    /// Weights proportional to 1 / cost per inference.
    case cost
    /// Seed 004's Table 2: adjusted throughput = min(sum(max)/N, max_i).
    case capacity
    /// Demand-aware integer replicas at least hourly cost.
    case optimal
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension ServedModel {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            slo: try container.decode(ServiceLevelObjective.self, forKey: .slo),
            expectedDemandRPS: try container.decodeIfPresent(Double.self, forKey: .expectedDemandRPS),
            routing: try container.decodeIfPresent(RoutingSettings.self, forKey: .routing) ?? RoutingSettings(),
            spot: try container.decodeIfPresent(SpotSettings.self, forKey: .spot) ?? SpotSettings()
        )
    }
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension ServiceLevelObjective {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            latencyPercentile: try container.decodeIfPresent(LatencyPercentile.self, forKey: .latencyPercentile) ?? .p95,
            latencyThresholdMs: try container.decode(Double.self, forKey: .latencyThresholdMs),
            maxErrorRate: try container.decodeIfPresent(Double.self, forKey: .maxErrorRate) ?? 0.01,
            maxUtilization: try container.decodeIfPresent(Double.self, forKey: .maxUtilization) ?? 1.0
        )
    }
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension RoutingSettings {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            defaultStrategy: try container.decodeIfPresent(StrategyKind.self, forKey: .defaultStrategy) ?? .cost,
            stickinessSeconds: try container.decodeIfPresent(Int.self, forKey: .stickinessSeconds),
            applier: try container.decodeIfPresent(ApplierKind.self, forKey: .applier) ?? .files,
            listenerARN: try container.decodeIfPresent(String.self, forKey: .listenerARN),
            ruleARN: try container.decodeIfPresent(String.self, forKey: .ruleARN),
            failoverStrategy: try container.decodeIfPresent(StrategyKind.self, forKey: .failoverStrategy) ?? .capacity,
            adaptive: try container.decodeIfPresent(Bool.self, forKey: .adaptive) ?? false,
            standby: try container.decodeIfPresent(StandbyPolicy.self, forKey: .standby) ?? .none,
            workload: try container.decodeIfPresent(WorkloadKind.self, forKey: .workload) ?? .deployment,
            router: try container.decodeIfPresent(RouterKind.self, forKey: .router),
            gateway: try container.decodeIfPresent(GatewayReference.self, forKey: .gateway)
        )
    }
}

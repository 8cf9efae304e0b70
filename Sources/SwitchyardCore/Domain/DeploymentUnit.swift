/// One way of serving a model: model x instance type x runtime, with where and how it runs.
public struct DeploymentUnit: Codable, Sendable, Equatable, Hashable {
    public var name: String
    public var model: String
    public var instanceType: String
    public var pool: String
    public var region: String
    /// The kind the `cost` and `capacity` strategies price the unit at: `on-demand` or `spot`.
    public var capacityType: CapacityType
    /// The kinds the unit may run on; the `optimal` and `adaptive` plans choose the mix across them. Defaults to
    /// `[capacityType]`.
    public var capacityTypes: [CapacityType]
    /// Pins the unit's pods to its one capacity kind with a `karpenter.sh/capacity-type` node selector, so a plan
    /// that puts it on spot (or on-demand, or the reservation) is what runs; false leaves the kind to Karpenter.
    public var pinCapacityType: Bool
    /// e.g. `neuron`, `triton`, `cuda`, `vllm`.
    public var runtime: String
    public var image: String
    /// The serving container's arguments; nil: the image's own.
    public var args: [String]?
    public var minReplicas: Int
    public var maxReplicas: Int
    public var kubernetes: KubernetesNames
    public var healthPath: String
    public var readinessPath: String
    /// The ELBv2 target group, when weights are pushed to the listener directly.
    public var targetGroupARN: String?
    /// A breaking point set by hand; wins over benchmarks.
    public var manualBreakingPointRPS: Double?
    public var enabled: Bool
    /// Seconds from asking for a replica to its serving (node launch + model load); nil: the service's
    /// default. The adaptive configuration forecasts this far ahead and waits this long (× a factor) for
    /// replicas to be ready.
    public var timeToServeSeconds: Double?
    /// The model version the unit serves, e.g. `v2`; nil: the model's version before any was named. Outside a
    /// rollout only the units of the model's stable version get traffic; during one, the target version's units
    /// take the canary's share (`VersionSplit`).
    public var version: String?
    /// For a `kserve` model: the model format, serving runtime and storage URI its predictor names; nil: the
    /// predictor runs the unit's image as a custom container. Ignored for `deployment` models.
    public var kserve: KServeModelSpec?

    public init(
        name: String, model: String, instanceType: String, pool: String,
        region: String = "us-west-2", capacityType: CapacityType = .onDemand, runtime: String,
        image: String, minReplicas: Int = 1, maxReplicas: Int = 10, kubernetes: KubernetesNames,
        healthPath: String = "/health", readinessPath: String = "/readiness",
        targetGroupARN: String? = nil, manualBreakingPointRPS: Double? = nil, enabled: Bool = true,
        timeToServeSeconds: Double? = nil, version: String? = nil, args: [String]? = nil,
        kserve: KServeModelSpec? = nil, capacityTypes: [CapacityType]? = nil, pinCapacityType: Bool = false
    ) {
        self.name = name
        self.model = model
        self.instanceType = instanceType
        self.pool = pool
        self.region = region
        self.capacityType = capacityType
        self.capacityTypes = capacityTypes ?? [capacityType]
        self.pinCapacityType = pinCapacityType
        self.runtime = runtime
        self.image = image
        self.minReplicas = minReplicas
        self.maxReplicas = maxReplicas
        self.kubernetes = kubernetes
        self.healthPath = healthPath
        self.readinessPath = readinessPath
        self.targetGroupARN = targetGroupARN
        self.manualBreakingPointRPS = manualBreakingPointRPS
        self.enabled = enabled
        self.timeToServeSeconds = timeToServeSeconds
        self.version = version
        self.args = args
        self.kserve = kserve
    }
}

extension DeploymentUnit {
    /// The kind a unit given only `capacityTypes` is priced at: the first priced one, else on-demand (a reservation
    /// is billed at its on-demand rate).
    public static func pricedKind(of kinds: [CapacityType]?) -> CapacityType {
        kinds?.first(where: \.isPriced) ?? .onDemand
    }
}

/// Where a unit lives in Kubernetes.
public struct KubernetesNames: Codable, Sendable, Equatable, Hashable {
    public var namespace: String
    public var deployment: String
    public var service: String
    /// The container (and Service target) port.
    public var port: Int

    public init(namespace: String = "default", deployment: String, service: String, port: Int = 8000) {
        self.namespace = namespace
        self.deployment = deployment
        self.service = service
        self.port = port
    }
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension DeploymentUnit {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let kinds = try container.decodeIfPresent([CapacityType].self, forKey: .capacityTypes)
        self.init(
            name: try container.decode(String.self, forKey: .name),
            model: try container.decode(String.self, forKey: .model),
            instanceType: try container.decode(String.self, forKey: .instanceType),
            pool: try container.decode(String.self, forKey: .pool),
            region: try container.decodeIfPresent(String.self, forKey: .region) ?? "us-west-2",
            capacityType: try container.decodeIfPresent(CapacityType.self, forKey: .capacityType)
                ?? DeploymentUnit.pricedKind(of: kinds),
            runtime: try container.decode(String.self, forKey: .runtime),
            image: try container.decode(String.self, forKey: .image),
            minReplicas: try container.decodeIfPresent(Int.self, forKey: .minReplicas) ?? 1,
            maxReplicas: try container.decodeIfPresent(Int.self, forKey: .maxReplicas) ?? 10,
            kubernetes: try container.decode(KubernetesNames.self, forKey: .kubernetes),
            healthPath: try container.decodeIfPresent(String.self, forKey: .healthPath) ?? "/health",
            readinessPath: try container.decodeIfPresent(String.self, forKey: .readinessPath) ?? "/readiness",
            targetGroupARN: try container.decodeIfPresent(String.self, forKey: .targetGroupARN),
            manualBreakingPointRPS: try container.decodeIfPresent(Double.self, forKey: .manualBreakingPointRPS),
            enabled: try container.decodeIfPresent(Bool.self, forKey: .enabled) ?? true,
            timeToServeSeconds: try container.decodeIfPresent(Double.self, forKey: .timeToServeSeconds),
            version: try container.decodeIfPresent(String.self, forKey: .version),
            args: try container.decodeIfPresent([String].self, forKey: .args),
            kserve: try container.decodeIfPresent(KServeModelSpec.self, forKey: .kserve),
            capacityTypes: kinds,
            pinCapacityType: try container.decodeIfPresent(Bool.self, forKey: .pinCapacityType) ?? false
        )
    }
}

// Decoding applies the documented defaults; encoding stays synthesised so exports carry every field.
extension KubernetesNames {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            namespace: try container.decodeIfPresent(String.self, forKey: .namespace) ?? "default",
            deployment: try container.decode(String.self, forKey: .deployment),
            service: try container.decode(String.self, forKey: .service),
            port: try container.decodeIfPresent(Int.self, forKey: .port) ?? 8000
        )
    }
}

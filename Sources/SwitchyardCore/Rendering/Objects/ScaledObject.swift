/// A KEDA `keda.sh/v1alpha1` ScaledObject: scales one unit's Deployment on its per-replica throughput.
public struct ScaledObject: KubernetesResource {
    public static let apiVersion = "keda.sh/v1alpha1"
    public static let kind = "ScaledObject"

    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        public var scaleTargetRef: ScaleTargetRef
        public var pollingInterval: Int?
        public var cooldownPeriod: Int?
        public var minReplicaCount: Int?
        public var maxReplicaCount: Int?
        public var fallback: Fallback?
        public var advanced: Advanced?
        public var triggers: [Trigger]

        public init(
            scaleTargetRef: ScaleTargetRef, pollingInterval: Int? = nil, cooldownPeriod: Int? = nil,
            minReplicaCount: Int? = nil, maxReplicaCount: Int? = nil, fallback: Fallback? = nil,
            advanced: Advanced? = nil, triggers: [Trigger]
        ) {
            self.scaleTargetRef = scaleTargetRef
            self.pollingInterval = pollingInterval
            self.cooldownPeriod = cooldownPeriod
            self.minReplicaCount = minReplicaCount
            self.maxReplicaCount = maxReplicaCount
            self.fallback = fallback
            self.advanced = advanced
            self.triggers = triggers
        }
    }

    public struct ScaleTargetRef: Codable, Sendable, Hashable {
        public var apiVersion: String
        public var kind: String
        public var name: String

        public init(apiVersion: String = Deployment.apiVersion, kind: String = Deployment.kind, name: String) {
            self.apiVersion = apiVersion
            self.kind = kind
            self.name = name
        }
    }

    /// Replicas KEDA holds the target at after `failureThreshold` failed metric reads.
    public struct Fallback: Codable, Sendable, Hashable {
        public var failureThreshold: Int
        public var replicas: Int
        /// `static`, `currentReplicas`, `currentReplicasIfHigher`, `currentReplicasIfLower`.
        public var behavior: String?

        public init(failureThreshold: Int, replicas: Int, behavior: String? = nil) {
            self.failureThreshold = failureThreshold
            self.replicas = replicas
            self.behavior = behavior
        }
    }

    public struct Advanced: Codable, Sendable, Hashable {
        public var horizontalPodAutoscalerConfig: HorizontalPodAutoscalerConfig

        public init(horizontalPodAutoscalerConfig: HorizontalPodAutoscalerConfig) {
            self.horizontalPodAutoscalerConfig = horizontalPodAutoscalerConfig
        }
    }

    public struct HorizontalPodAutoscalerConfig: Codable, Sendable, Hashable {
        public var behavior: HPABehavior

        public init(behavior: HPABehavior) { self.behavior = behavior }
    }

    public struct Trigger: Codable, Sendable, Hashable {
        /// `aws-cloudwatch` or `prometheus`.
        public var type: String
        /// `AverageValue`: the target is per replica.
        public var metricType: String?
        /// KEDA trigger metadata; every value is a string in the CRD.
        public var metadata: TriggerMetadata
        public var authenticationRef: AuthenticationRef?

        public init(type: String, metricType: String? = nil, metadata: TriggerMetadata, authenticationRef: AuthenticationRef? = nil) {
            self.type = type
            self.metricType = metricType
            self.metadata = metadata
            self.authenticationRef = authenticationRef
        }
    }

    public struct AuthenticationRef: Codable, Sendable, Hashable {
        public var name: String
        /// `TriggerAuthentication` or `ClusterTriggerAuthentication`.
        public var kind: String?

        public init(name: String, kind: String? = nil) {
            self.name = name
            self.kind = kind
        }
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// Trigger metadata in the order it was written (the seed's order), not sorted; equal when the pairs are.
public struct TriggerMetadata: Codable, Sendable, Hashable {
    public private(set) var entries: [JSONValue.Member]

    public var dictionary: [String: String] {
        Dictionary(entries.map { ($0.key, $0.value.stringValue ?? $0.value.description) }) { _, last in last }
    }

    public static func == (lhs: TriggerMetadata, rhs: TriggerMetadata) -> Bool { lhs.dictionary == rhs.dictionary }

    public func hash(into hasher: inout Hasher) { hasher.combine(dictionary) }

    public init(_ pairs: KeyValuePairs<String, String>) {
        entries = pairs.map { JSONValue.Member($0.key, .string($0.value)) }
    }

    public subscript(key: String) -> String? {
        entries.first { $0.key == key }?.value.stringValue
    }

    public mutating func append(_ key: String, _ value: String) {
        entries.removeAll { $0.key == key }
        entries.append(JSONValue.Member(key, .string(value)))
    }

    public func encode(to encoder: any Encoder) throws {
        try JSONValue.object(entries).encode(to: encoder)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        entries = try container.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
            JSONValue.Member($0.stringValue, .string(try container.decode(String.self, forKey: $0)))
        }
    }
}

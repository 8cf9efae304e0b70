/// A KServe v1beta1 InferenceService: one per unit of a model whose workload is `kserve`, in KServe's Standard
/// (raw deployment) mode. KServe turns it into a Deployment and a Service, both named `<name>-predictor`, and,
/// with the `keda` autoscaler class, a KEDA ScaledObject of the same name.
public struct InferenceService: KubernetesResource {
    public static let apiVersion = "serving.kserve.io/v1beta1"
    public static let kind = "InferenceService"

    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        public var predictor: Predictor

        public init(predictor: Predictor) {
            self.predictor = predictor
        }
    }

    /// The predictor component: replica bounds, scaling, placement, and either the model KServe serves with one of
    /// its serving runtimes or one custom serving container.
    public struct Predictor: Codable, Sendable, Hashable {
        public var minReplicas: Int
        public var maxReplicas: Int
        /// Labels KServe puts on the predictor's pods (and so on what selects them).
        public var labels: StringMap?
        /// The KEDA metrics KServe writes into its ScaledObject (`keda` autoscaler class only).
        public var autoScaling: AutoScaling?
        public var nodeSelector: StringMap?
        public var tolerations: [PodSpec.Toleration]?
        public var model: Model?
        public var containers: [PodSpec.Container]?

        public init(
            minReplicas: Int, maxReplicas: Int, labels: [String: String], autoScaling: AutoScaling?,
            nodeSelector: [String: String], tolerations: [PodSpec.Toleration], serving: Serving
        ) {
            self.minReplicas = minReplicas
            self.maxReplicas = maxReplicas
            self.labels = labels.isEmpty ? nil : StringMap(labels)
            self.autoScaling = autoScaling
            self.nodeSelector = nodeSelector.isEmpty ? nil : StringMap(nodeSelector)
            self.tolerations = tolerations.isEmpty ? nil : tolerations
            switch serving {
            case .model(let model): self.model = model
            case .container(let container): containers = [container]
            }
        }
    }

    public struct AutoScaling: Codable, Sendable, Hashable {
        public var metrics: [Metric]

        public init(metrics: [Metric]) {
            self.metrics = metrics
        }
    }

    /// An `External` metric: KServe makes it a KEDA trigger of type `backend` with `serverAddress`, `query` and
    /// `threshold` = `target.value` (KEDA's default metric type, `AverageValue`: per replica).
    public struct Metric: Codable, Sendable, Hashable {
        public var type: String
        public var external: External

        public init(external: External) {
            type = "External"
            self.external = external
        }
    }

    public struct External: Codable, Sendable, Hashable {
        public var metric: MetricSource
        public var target: Target
        public var authenticationRef: AuthenticationRef?

        public init(metric: MetricSource, target: Target, authenticationRef: AuthenticationRef? = nil) {
            self.metric = metric
            self.target = target
            self.authenticationRef = authenticationRef
        }
    }

    public struct MetricSource: Codable, Sendable, Hashable {
        /// `prometheus` or `graphite`: the backends KServe's KEDA metrics know.
        public var backend: String
        public var serverAddress: String
        public var query: String

        public init(backend: String, serverAddress: String, query: String) {
            self.backend = backend
            self.serverAddress = serverAddress
            self.query = query
        }
    }

    public struct Target: Codable, Sendable, Hashable {
        public var type: String
        /// A quantity, e.g. `"84"` or `"67.2"`.
        public var value: String

        public init(type: String = "Value", value: String) {
            self.type = type
            self.value = value
        }
    }

    /// A KEDA TriggerAuthentication for the trigger.
    public struct AuthenticationRef: Codable, Sendable, Hashable {
        public var authenticationRef: Name

        public struct Name: Codable, Sendable, Hashable {
            public var name: String
        }

        public init(name: String) {
            authenticationRef = Name(name: name)
        }
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}

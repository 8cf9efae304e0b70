/// The part of a pod spec the renderer sets: placement on the unit's pool and one serving container.
public struct PodSpec: Codable, Sendable, Hashable {
    public var nodeSelector: StringMap?
    public var tolerations: [Toleration]?
    public var containers: [Container]

    public init(nodeSelector: [String: String] = [:], tolerations: [Toleration] = [], containers: [Container]) {
        self.nodeSelector = nodeSelector.isEmpty ? nil : StringMap(nodeSelector)
        self.tolerations = tolerations.isEmpty ? nil : tolerations
        self.containers = containers
    }

    public struct Toleration: Codable, Sendable, Hashable {
        public var key: String
        /// `Equal` when a value is given, `Exists` otherwise.
        public var `operator`: String
        public var value: String?
        public var effect: String

        public init(key: String, operator: String, value: String? = nil, effect: String) {
            self.key = key
            self.operator = `operator`
            self.value = value
            self.effect = effect
        }
    }

    public struct Container: Codable, Sendable, Hashable {
        public var name: String
        public var image: String
        public var args: [String]?
        public var ports: [ContainerPort]
        public var resources: ResourceRequirements
        public var readinessProbe: Probe?
        public var livenessProbe: Probe?

        public init(
            name: String, image: String, args: [String]? = nil, ports: [ContainerPort], resources: ResourceRequirements,
            readinessProbe: Probe? = nil, livenessProbe: Probe? = nil
        ) {
            self.name = name
            self.image = image
            self.args = args
            self.ports = ports
            self.resources = resources
            self.readinessProbe = readinessProbe
            self.livenessProbe = livenessProbe
        }
    }

    public struct ContainerPort: Codable, Sendable, Hashable {
        public var name: String
        public var containerPort: Int
        public var `protocol`: String

        public init(name: String, containerPort: Int, protocol: String = "TCP") {
            self.name = name
            self.containerPort = containerPort
            self.protocol = `protocol`
        }
    }

    /// Quantities as strings (`"1"`, `"16Gi"`), the form the API server echoes back.
    public struct ResourceRequirements: Codable, Sendable, Hashable {
        public var requests: StringMap?
        public var limits: StringMap?

        public init(requests: [String: String] = [:], limits: [String: String] = [:]) {
            self.requests = requests.isEmpty ? nil : StringMap(requests)
            self.limits = limits.isEmpty ? nil : StringMap(limits)
        }
    }

    public struct Probe: Codable, Sendable, Hashable {
        public var httpGet: HTTPGetAction
        public var initialDelaySeconds: Int
        public var periodSeconds: Int

        public init(httpGet: HTTPGetAction, initialDelaySeconds: Int, periodSeconds: Int) {
            self.httpGet = httpGet
            self.initialDelaySeconds = initialDelaySeconds
            self.periodSeconds = periodSeconds
        }
    }

    public struct HTTPGetAction: Codable, Sendable, Hashable {
        public var path: String
        public var port: IntOrString

        public init(path: String, port: IntOrString) {
            self.path = path
            self.port = port
        }
    }
}

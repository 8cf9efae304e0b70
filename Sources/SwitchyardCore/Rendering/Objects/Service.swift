/// A v1 Service: one per unit (weighted routing) or one per model (round robin across all its pods).
public struct Service: KubernetesResource {
    public static let apiVersion = "v1"
    public static let kind = "Service"

    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        /// `ClusterIP` for ALB `ip` targets, `NodePort` for `instance` targets.
        public var type: String
        public var selector: StringMap
        public var ports: [Port]

        public init(type: String, selector: [String: String], ports: [Port]) {
            self.type = type
            self.selector = StringMap(selector)
            self.ports = ports
        }
    }

    public struct Port: Codable, Sendable, Hashable {
        public var name: String
        public var `protocol`: String
        public var port: Int
        public var targetPort: IntOrString

        public init(name: String, protocol: String = "TCP", port: Int, targetPort: IntOrString) {
            self.name = name
            self.protocol = `protocol`
            self.port = port
            self.targetPort = targetPort
        }
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}

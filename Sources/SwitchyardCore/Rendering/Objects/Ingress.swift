/// A `networking.k8s.io/v1` Ingress for the AWS Load Balancer Controller: one per model.
public struct Ingress: KubernetesResource {
    public static let apiVersion = "networking.k8s.io/v1"
    public static let kind = "Ingress"

    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        public var ingressClassName: String
        public var rules: [Rule]

        public init(ingressClassName: String, rules: [Rule]) {
            self.ingressClassName = ingressClassName
            self.rules = rules
        }
    }

    public struct Rule: Codable, Sendable, Hashable {
        public var host: String?
        public var http: HTTPRuleValue

        public init(host: String? = nil, http: HTTPRuleValue) {
            self.host = host
            self.http = http
        }
    }

    public struct HTTPRuleValue: Codable, Sendable, Hashable {
        public var paths: [Path]

        public init(paths: [Path]) { self.paths = paths }
    }

    public struct Path: Codable, Sendable, Hashable {
        public var path: String
        public var pathType: String
        public var backend: Backend

        public init(path: String, pathType: String = "Prefix", backend: Backend) {
            self.path = path
            self.pathType = pathType
            self.backend = backend
        }
    }

    public struct Backend: Codable, Sendable, Hashable {
        public var service: ServiceBackend

        public init(service: ServiceBackend) { self.service = service }
    }

    /// A Service and port; the port is named `use-annotation` when an `actions.<name>` annotation routes.
    public struct ServiceBackend: Codable, Sendable, Hashable {
        public var name: String
        public var port: Port

        public init(name: String, port: Port) {
            self.name = name
            self.port = port
        }
    }

    public struct Port: Codable, Sendable, Hashable {
        public var name: String?
        public var number: Int?

        public init(name: String) {
            self.name = name
            number = nil
        }

        public init(number: Int) {
            name = nil
            self.number = number
        }
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}

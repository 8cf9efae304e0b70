/// A Gateway API v1 HTTPRoute: one per model whose router is `gateway-api`, attached to a Gateway, whose one
/// rule's `backendRefs` carry the plan's weights (at most 16 backends, weights 0...1,000,000).
public struct HTTPRoute: KubernetesResource {
    public static let apiVersion = "gateway.networking.k8s.io/v1"
    public static let kind = "HTTPRoute"

    public var metadata: ObjectMeta
    public var spec: Spec

    public struct Spec: Codable, Sendable, Hashable {
        public var parentRefs: [ParentReference]
        public var hostnames: [String]?
        public var rules: [Rule]

        public init(parentRefs: [ParentReference], hostnames: [String] = [], rules: [Rule]) {
            self.parentRefs = parentRefs
            self.hostnames = hostnames.isEmpty ? nil : hostnames
            self.rules = rules
        }
    }

    /// The Gateway the route attaches to; group and kind are written out, as the API server would default them.
    public struct ParentReference: Codable, Sendable, Hashable {
        public var group: String
        public var kind: String
        public var name: String
        public var namespace: String?
        public var sectionName: String?

        public init(gateway: GatewayReference) {
            group = "gateway.networking.k8s.io"
            kind = "Gateway"
            name = gateway.name
            namespace = gateway.namespace
            sectionName = gateway.sectionName
        }
    }

    public struct Rule: Codable, Sendable, Hashable {
        public var matches: [Match]
        public var backendRefs: [BackendRef]

        public init(matches: [Match], backendRefs: [BackendRef]) {
            self.matches = matches
            self.backendRefs = backendRefs
        }
    }

    public struct Match: Codable, Sendable, Hashable {
        public var path: PathMatch

        public init(pathPrefix: String) {
            path = PathMatch(type: "PathPrefix", value: pathPrefix)
        }
    }

    public struct PathMatch: Codable, Sendable, Hashable {
        public var type: String
        public var value: String
    }

    /// A Service backend with its weight; group (core, empty) and kind are written out.
    public struct BackendRef: Codable, Sendable, Hashable {
        public var group: String
        public var kind: String
        public var name: String
        public var port: Int
        public var weight: Int

        public init(service: String, port: Int, weight: Int) {
            group = ""
            kind = "Service"
            name = service
            self.port = port
            self.weight = weight
        }
    }

    public init(metadata: ObjectMeta, spec: Spec) {
        self.metadata = metadata
        self.spec = spec
    }
}

/// The Gateway an HTTPRoute attaches to (its `parentRefs` entry).
public struct GatewayReference: Codable, Sendable, Equatable, Hashable {
    public var name: String
    /// Nil: the route's own namespace.
    public var namespace: String?
    /// One listener of the Gateway; nil attaches to every listener that allows the route.
    public var sectionName: String?

    public init(name: String, namespace: String? = nil, sectionName: String? = nil) {
        self.name = name
        self.namespace = namespace
        self.sectionName = sectionName
    }
}

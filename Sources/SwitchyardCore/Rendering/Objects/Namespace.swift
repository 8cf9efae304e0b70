/// A core `v1` Namespace for the units' namespaces, so a first apply into a fresh cluster has somewhere to put
/// them. Server-side applied like every object and never deleted by Switchyard (it holds more than Switchyard's
/// objects). Written without a `spec`: the API server fills in its finalizers.
public struct Namespace: KubernetesResource {
    public static let apiVersion = "v1"
    public static let kind = "Namespace"

    public var metadata: ObjectMeta
    public var spec: Spec

    /// Nothing of the spec is Switchyard's to set.
    public struct Spec: Codable, Sendable, Hashable {
        public init() {}
    }

    public init(metadata: ObjectMeta, spec: Spec = Spec()) {
        self.metadata = metadata
        self.spec = spec
    }

    public func encode(to encoder: any Encoder) throws {
        try encodeTypeMeta(to: encoder)
        var container = encoder.container(keyedBy: ResourceBodyKeys.self)
        try container.encode(metadata, forKey: .metadata)
    }

    public init(from decoder: any Decoder) throws {
        try Self.checkTypeMeta(in: decoder)
        let container = try decoder.container(keyedBy: ResourceBodyKeys.self)
        self.init(metadata: try container.decode(ObjectMeta.self, forKey: .metadata))
    }
}

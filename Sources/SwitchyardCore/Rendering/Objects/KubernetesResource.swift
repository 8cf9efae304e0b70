/// A typed Kubernetes object: its type fixes apiVersion and kind; its body is `metadata` and a `spec`.
public protocol KubernetesResource: Codable, Sendable, Hashable {
    associatedtype Spec: Codable, Sendable, Hashable
    static var apiVersion: String { get }
    static var kind: String { get }
    var metadata: ObjectMeta { get set }
    var spec: Spec { get set }
    init(metadata: ObjectMeta, spec: Spec)
}

/// The keys of a resource's own fields, after `apiVersion` and `kind`.
enum ResourceBodyKeys: String, CodingKey {
    case metadata, spec
}

extension KubernetesResource {
    /// `apiVersion`, `kind`, `metadata`, `spec`: the order Kubernetes writes them in.
    public func encode(to encoder: any Encoder) throws {
        try encodeTypeMeta(to: encoder)
        var container = encoder.container(keyedBy: ResourceBodyKeys.self)
        try container.encode(metadata, forKey: .metadata)
        try container.encode(spec, forKey: .spec)
    }

    /// Refuses a document of another apiVersion or kind.
    public init(from decoder: any Decoder) throws {
        try Self.checkTypeMeta(in: decoder)
        let container = try decoder.container(keyedBy: ResourceBodyKeys.self)
        self.init(
            metadata: try container.decode(ObjectMeta.self, forKey: .metadata),
            spec: try container.decode(Spec.self, forKey: .spec))
    }
}

extension KubernetesResource {
    public var identity: ObjectIdentity {
        ObjectIdentity(apiVersion: Self.apiVersion, kind: Self.kind, namespace: metadata.namespace, name: metadata.name)
    }
}

/// Encodes `apiVersion` and `kind` ahead of a resource's own fields, as Kubernetes writes them.
struct TypeMetaKeys: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }

    init?(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }

    static let apiVersion = TypeMetaKeys(stringValue: "apiVersion")!
    static let kind = TypeMetaKeys(stringValue: "kind")!
}

extension KubernetesResource {
    func encodeTypeMeta(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: TypeMetaKeys.self)
        try container.encode(Self.apiVersion, forKey: .apiVersion)
        try container.encode(Self.kind, forKey: .kind)
    }

    static func checkTypeMeta(in decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: TypeMetaKeys.self)
        let apiVersion = try container.decode(String.self, forKey: .apiVersion)
        let kind = try container.decode(String.self, forKey: .kind)
        guard apiVersion == Self.apiVersion, kind == Self.kind else {
            throw DecodingError.dataCorruptedError(
                forKey: .kind, in: container,
                debugDescription: "expected \(Self.apiVersion) \(Self.kind), found \(apiVersion) \(kind)")
        }
    }
}

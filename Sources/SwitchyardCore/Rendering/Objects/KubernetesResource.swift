/// A typed Kubernetes object: its type fixes apiVersion and kind.
public protocol KubernetesResource: Codable, Sendable, Hashable {
    static var apiVersion: String { get }
    static var kind: String { get }
    var metadata: ObjectMeta { get set }
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

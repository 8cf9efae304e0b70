/// The metadata every rendered Kubernetes object carries.
///
/// Labels and annotations are kept as ordered pairs (sorted by key when set from a dictionary) so the
/// rendered text is identical from one run to the next.
public struct ObjectMeta: Codable, Sendable, Hashable {
    public var name: String
    /// Nil for cluster-scoped objects (NodePool, EC2NodeClass).
    public var namespace: String?
    public var labels: StringMap?
    public var annotations: StringMap?

    public init(name: String, namespace: String? = nil, labels: [String: String] = [:], annotations: [String: String] = [:]) {
        self.name = name
        self.namespace = namespace
        self.labels = labels.isEmpty ? nil : StringMap(labels)
        self.annotations = annotations.isEmpty ? nil : StringMap(annotations)
    }
}

/// A string-to-string map that encodes its keys in sorted order.
public struct StringMap: Codable, Sendable, Hashable, ExpressibleByDictionaryLiteral {
    public private(set) var entries: [(key: String, value: String)]

    public init(_ dictionary: [String: String]) {
        entries = dictionary.sorted { $0.key < $1.key }.map { (key: $0.key, value: $0.value) }
    }

    public init(dictionaryLiteral elements: (String, String)...) {
        self.init(Dictionary(elements) { _, last in last })
    }

    public subscript(key: String) -> String? {
        get { entries.first { $0.key == key }?.value }
        set {
            var dictionary = self.dictionary
            dictionary[key] = newValue
            self = StringMap(dictionary)
        }
    }

    public var dictionary: [String: String] {
        Dictionary(entries.map { ($0.key, $0.value) }) { _, last in last }
    }

    public var isEmpty: Bool { entries.isEmpty }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: DynamicKey.self)
        for entry in entries { try container.encode(entry.value, forKey: DynamicKey(entry.key)) }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DynamicKey.self)
        var dictionary: [String: String] = [:]
        for key in container.allKeys { dictionary[key.stringValue] = try container.decode(String.self, forKey: key) }
        self.init(dictionary)
    }

    public static func == (lhs: StringMap, rhs: StringMap) -> Bool { lhs.dictionary == rhs.dictionary }

    public func hash(into hasher: inout Hasher) { hasher.combine(dictionary) }
}

/// Who an object is, across kinds: `apiVersion/kind/namespace/name`.
public struct ObjectIdentity: Codable, Sendable, Hashable, Comparable, CustomStringConvertible {
    public var apiVersion: String
    public var kind: String
    public var namespace: String?
    public var name: String

    public init(apiVersion: String, kind: String, namespace: String?, name: String) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.namespace = namespace
        self.name = name
    }

    /// Reads the identity of a generic object; nil when apiVersion, kind or metadata.name is missing.
    public init?(_ object: JSONValue) {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue,
              let name = object["metadata"]?["name"]?.stringValue
        else { return nil }
        self.init(apiVersion: apiVersion, kind: kind, namespace: object["metadata"]?["namespace"]?.stringValue, name: name)
    }

    /// `apps/v1/Deployment/default/sd21-inf2`; cluster-scoped objects leave the namespace out.
    public var description: String {
        [apiVersion, kind, namespace, name].compactMap { $0 }.joined(separator: "/")
    }

    public static func < (lhs: ObjectIdentity, rhs: ObjectIdentity) -> Bool { lhs.description < rhs.description }
}

/// An integer or a named value, as Kubernetes ports and quantities allow.
public enum IntOrString: Codable, Sendable, Hashable {
    case int(Int)
    case string(String)

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .int(let value): try container.encode(value)
        case .string(let value): try container.encode(value)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let value = try? container.decode(Int.self) {
            self = .int(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }
}

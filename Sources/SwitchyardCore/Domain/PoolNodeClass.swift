/// The Karpenter EC2NodeClass a pool's NodePool launches its nodes with: one that already exists in the
/// cluster, or one Switchyard renders from the pool.
///
/// As JSON, `{"existing": "NAME"}` or the managed node class's fields with an optional `name` (default: the
/// pool's name).
public enum PoolNodeClass: Sendable, Hashable {
    /// An EC2NodeClass someone else manages; Switchyard only references it.
    case existing(String)
    /// An EC2NodeClass Switchyard renders, named `name`, or after the pool when nil.
    case managed(ManagedNodeClass, name: String? = nil)

    /// The name of the EC2NodeClass the pool named `pool` references.
    public func className(forPool pool: String) -> String {
        switch self {
        case .existing(let name): name
        case .managed(_, let name): name ?? pool
        }
    }
}

extension PoolNodeClass: Codable {
    private enum CodingKeys: String, CodingKey {
        case existing, name
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        if let existing = try container.decodeIfPresent(String.self, forKey: .existing) {
            // A referenced node class is not Switchyard's to shape: fields beside it would be silently ignored.
            let all = try decoder.container(keyedBy: DynamicKey.self)
            if let other = all.allKeys.first(where: { $0.stringValue != CodingKeys.existing.stringValue }) {
                throw DecodingError.dataCorrupted(DecodingError.Context(
                    codingPath: decoder.codingPath + [other],
                    debugDescription: "`existing` references a node class Switchyard does not manage; it takes no other field"))
            }
            self = .existing(existing)
        } else {
            self = .managed(try ManagedNodeClass(from: decoder), name: try container.decodeIfPresent(String.self, forKey: .name))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .existing(let name):
            try container.encode(name, forKey: .existing)
        case .managed(let nodeClass, let name):
            try container.encodeIfPresent(name, forKey: .name)
            try nodeClass.encode(to: encoder)
        }
    }
}


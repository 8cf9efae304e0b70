import Foundation

/// What Switchyard believes about one capacity pool, with the signal that made it so.
public enum PoolHealth: Sendable, Equatable, Hashable {
    /// No shortage known.
    case healthy
    /// Short of capacity since `since`; `evidence` is the latest short signal, `sources` every source that says
    /// the pool is short and has not said it recovered since.
    case short(since: Date, evidence: CapacitySignal, sources: Set<CapacitySignalSource>)
    /// Reported recovered at `healthySince` by the last source that had said short, but not yet healthy for the
    /// hold time; a new shortage sends it back to `short`.
    case recovering(healthySince: Date, evidence: CapacitySignal)

    /// True only for `.healthy`: a recovering pool has not yet earned trust.
    public var isHealthy: Bool {
        if case .healthy = self { return true }
        return false
    }

    /// True only for `.short`.
    public var isShort: Bool {
        if case .short = self { return true }
        return false
    }

    /// The signal behind the current state, if any.
    public var evidence: CapacitySignal? {
        switch self {
        case .healthy: nil
        case .short(_, let evidence, _), .recovering(_, let evidence): evidence
        }
    }

    /// The sources that say the pool is short; empty unless it is.
    public var shortSources: Set<CapacitySignalSource> {
        if case .short(_, _, let sources) = self { return sources }
        return []
    }
}

// `{"short": {"since": …, "evidence": …, "sources": [...]}}`, as the synthesised form was; a stored short state
// from before sources were kept reads as short by its evidence's source.
extension PoolHealth: Codable {
    private enum CaseKeys: String, CodingKey {
        case healthy, short, recovering
    }

    private enum FieldKeys: String, CodingKey {
        case since, evidence, sources, healthySince
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CaseKeys.self)
        if container.contains(.short) {
            let fields = try container.nestedContainer(keyedBy: FieldKeys.self, forKey: .short)
            let evidence = try fields.decode(CapacitySignal.self, forKey: .evidence)
            self = .short(
                since: try fields.decode(Date.self, forKey: .since), evidence: evidence,
                sources: try fields.decodeIfPresent(Set<CapacitySignalSource>.self, forKey: .sources) ?? [evidence.source])
        } else if container.contains(.recovering) {
            let fields = try container.nestedContainer(keyedBy: FieldKeys.self, forKey: .recovering)
            self = .recovering(
                healthySince: try fields.decode(Date.self, forKey: .healthySince),
                evidence: try fields.decode(CapacitySignal.self, forKey: .evidence))
        } else if container.contains(.healthy) {
            self = .healthy
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown pool health"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CaseKeys.self)
        switch self {
        case .healthy:
            _ = container.nestedContainer(keyedBy: FieldKeys.self, forKey: .healthy)
        case .short(let since, let evidence, let sources):
            var fields = container.nestedContainer(keyedBy: FieldKeys.self, forKey: .short)
            try fields.encode(since, forKey: .since)
            try fields.encode(evidence, forKey: .evidence)
            try fields.encode(sources.map(\.rawValue).sorted(), forKey: .sources)
        case .recovering(let healthySince, let evidence):
            var fields = container.nestedContainer(keyedBy: FieldKeys.self, forKey: .recovering)
            try fields.encode(healthySince, forKey: .healthySince)
            try fields.encode(evidence, forKey: .evidence)
        }
    }
}

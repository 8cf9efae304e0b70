/// Which routing configuration is in force for a model.
///
/// Encoded as one string, for the API and the audit: `cost`, `capacity`, or
/// `optimal-without:POOL,POOL` (`optimal-without:` with no pool is the plain optimal plan).
public enum ModelConfiguration: Codable, Sendable, Equatable, Hashable, CustomStringConvertible {
    /// Cost-optimized weights (the `cost` strategy): the normal state.
    case cost
    /// Capacity-optimized weights (seed 004's Table 2): spread load so other pools take it.
    case capacity
    /// The demand-aware `optimal` plan computed with these pools treated as short.
    case optimalWithout(pools: [String])

    /// Builds `optimalWithout` with the pools sorted and de-duplicated, so equal sets compare equal.
    public static func optimal(without pools: some Sequence<String>) -> ModelConfiguration {
        .optimalWithout(pools: Array(Set(pools)).sorted())
    }

    /// The planner strategy that computes this configuration's weights.
    public var strategy: StrategyKind {
        switch self {
        case .cost: .cost
        case .capacity: .capacity
        case .optimalWithout: .optimal
        }
    }

    /// Pools the planner must treat as short for this configuration.
    public var excludedPools: [String] {
        if case .optimalWithout(let pools) = self { return pools }
        return []
    }

    public var description: String {
        switch self {
        case .cost: "cost"
        case .capacity: "capacity"
        case .optimalWithout(let pools): "optimal without \(pools.joined(separator: ","))"
        }
    }

    /// The configuration's one-string form (see the type's documentation).
    public var code: String {
        switch self {
        case .cost: "cost"
        case .capacity: "capacity"
        case .optimalWithout(let pools): "optimal-without:" + pools.joined(separator: ",")
        }
    }

    /// Parses the one-string form; nil for anything else.
    public init?(code: String) {
        switch code {
        case "cost": self = .cost
        case "capacity": self = .capacity
        default:
            let prefix = "optimal-without:"
            guard code.hasPrefix(prefix) else { return nil }
            let pools = code.dropFirst(prefix.count).split(separator: ",").map(String.init)
            self = .optimal(without: pools)
        }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let code = try container.decode(String.self)
        guard let configuration = ModelConfiguration(code: code) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected cost, capacity or optimal-without:POOLS, got \(code)"
            )
        }
        self = configuration
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}

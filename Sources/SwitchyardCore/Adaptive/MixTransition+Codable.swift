// Steps encode by name, with their figures beside it, so the API and the audit read plainly:
// `{"name": "await-ready", "ready": {"sd21-inf2": 3}, "timeoutSeconds": 1440}`.
extension MixTransition.Step {
    private enum CodingKeys: String, CodingKey {
        case name, floors, ready, timeoutSeconds, weights
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let name = try container.decode(String.self, forKey: .name)
        switch name {
        case "raise-floors": self = .raiseFloors(try container.decode([String: Int].self, forKey: .floors))
        case "lower-floors": self = .lowerFloors(try container.decode([String: Int].self, forKey: .floors))
        case "move-weights": self = .moveWeights(try container.decode([String: Int].self, forKey: .weights))
        case "await-ready":
            self = .awaitReady(
                try container.decode([String: Int].self, forKey: .ready),
                timeoutSeconds: try container.decode(Double.self, forKey: .timeoutSeconds)
            )
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .name, in: container, debugDescription: "unknown transition step \(name)"
            )
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        switch self {
        case .raiseFloors(let floors), .lowerFloors(let floors):
            try container.encode(floors, forKey: .floors)
        case .moveWeights(let weights):
            try container.encode(weights, forKey: .weights)
        case .awaitReady(let ready, let timeout):
            try container.encode(ready, forKey: .ready)
            try container.encode(timeout, forKey: .timeoutSeconds)
        }
    }
}

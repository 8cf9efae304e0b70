/// How many warm replicas a model on the adaptive configuration keeps outside its mix, so that a shortage of
/// a pool it runs on fails over to replicas that already serve: `auto`, a number of replicas, or 0 (none).
///
/// Encoded as the string `auto` or a non-negative integer.
public enum StandbyPolicy: Sendable, Equatable, Hashable {
    /// Sized from how often each pool of the mix has been short and how long its replacement takes to serve.
    case auto
    /// Exactly this many warm replicas (0: none).
    case replicas(Int)

    /// No warm replicas: the default.
    public static let none = StandbyPolicy.replicas(0)

    /// The fixed number of warm replicas; 0 for `auto`, which sizes them per pass.
    public var replicas: Int {
        if case .replicas(let count) = self { return count }
        return 0
    }

    /// The form used in documents and logs: `auto` or the number.
    public var text: String {
        switch self {
        case .auto: "auto"
        case .replicas(let count): String(count)
        }
    }

    /// Reads `auto` or a non-negative integer; nil otherwise.
    public init?(text: String) {
        if text == "auto" {
            self = .auto
        } else if let count = Int(text), count >= 0, String(count) == text {
            self = .replicas(count)
        } else {
            return nil
        }
    }
}

extension StandbyPolicy: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let count = try? container.decode(Int.self) {
            self = .replicas(count)
            return
        }
        let text = try container.decode(String.self)
        guard let policy = StandbyPolicy(text: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "must be auto or a number of replicas")
        }
        self = policy
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .auto: try container.encode("auto")
        case .replicas(let count): try container.encode(count)
        }
    }
}

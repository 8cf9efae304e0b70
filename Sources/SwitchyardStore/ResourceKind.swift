/// The kinds of thing the store keeps; the raw values appear in audit events and API paths.
public enum ResourceKind: String, Codable, Sendable, CaseIterable {
    case model
    case instanceType = "instance-type"
    case pool
    case unit
    case benchmark
    case token
    case fleet
}

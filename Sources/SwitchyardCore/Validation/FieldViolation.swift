/// A value that breaks a rule of the domain, naming the field by its JSON path (e.g. `slo.latencyThresholdMs`).
public struct FieldViolation: Error, Sendable, Equatable, Hashable, CustomStringConvertible {
    public var field: String
    public var message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { "\(field): \(message)" }
}

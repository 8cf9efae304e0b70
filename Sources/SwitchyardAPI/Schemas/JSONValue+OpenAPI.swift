internal import OpenAPIRuntime
import SwitchyardCore

extension JSONValue {
    /// The value as the runtime's free-form containers hold it, for the parts of a body the spec leaves open
    /// (a rendered object's fields, a changed field's values).
    var openAPIValue: (any Sendable)? {
        switch self {
        case .null: nil
        case .bool(let value): value
        case .integer(let value): value
        case .number(let value): value
        case .string(let value): value
        case .array(let elements): elements.map(\.openAPIValue)
        case .object(let members):
            Dictionary(members.map { ($0.key, $0.value.openAPIValue) }, uniquingKeysWith: { _, last in last })
        }
    }

    /// An object's members in the runtime's free-form object.
    func openAPIObject() throws -> OpenAPIObjectContainer {
        guard case .object(let members) = self else {
            throw SchemaMismatch(detail: "a JSON object was expected, not \(self)")
        }
        return try OpenAPIObjectContainer(
            unvalidatedValue: Dictionary(members.map { ($0.key, $0.value.openAPIValue) }, uniquingKeysWith: { _, last in last }))
    }
}

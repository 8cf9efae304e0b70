import Foundation
import SwitchyardCore

/// Finds the first `null` inside a request body. No property of the API's request schemas is nullable, so a null
/// is refused naming its field (400) instead of being read as if the field were left out.
enum NullFields {
    /// The path of the first null below the root of a parsed YAML or JSON tree (`routing.standby`,
    /// `units[2].name`), or nil when there is none. A null root is left to the decoder.
    static func first(in value: JSONValue, path: String = "") -> String? {
        switch value {
        case .null:
            return path.isEmpty ? nil : path
        case .array(let items):
            for (index, item) in items.enumerated() {
                if let found = first(in: item, path: "\(path)[\(index)]") { return found }
            }
        case .object(let members):
            for member in members {
                if let found = first(in: member.value, path: path.isEmpty ? member.key : "\(path).\(member.key)") { return found }
            }
        case .bool, .integer, .number, .string:
            break
        }
        return nil
    }

    /// The same for a tree from `JSONSerialization` (objects' keys in sorted order).
    static func first(inSerialized value: Any, path: String = "") -> String? {
        if value is NSNull { return path.isEmpty ? nil : path }
        if let items = value as? [Any] {
            for (index, item) in items.enumerated() {
                if let found = first(inSerialized: item, path: "\(path)[\(index)]") { return found }
            }
        } else if let object = value as? [String: Any] {
            for key in object.keys.sorted() {
                if let found = first(inSerialized: object[key]!, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
        }
        return nil
    }

    /// The error for a null at `field`.
    static func refusal(_ field: String) -> APIError {
        .malformedBody(field: field, detail: "\(field): null is not a value of this field; leave the field out for its default.")
    }
}

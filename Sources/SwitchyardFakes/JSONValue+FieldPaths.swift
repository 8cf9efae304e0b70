import SwitchyardCore

/// A field inside an object, as keys from the root: `["spec", "replicas"]`, `["metadata", "labels", "app"]`.
/// Keys stay separate because label keys contain dots and slashes.
typealias FieldPath = [String]

extension JSONValue {
    /// The value at `path`, nil when any step is missing or not an object.
    func value(at path: FieldPath) -> JSONValue? {
        var current: JSONValue? = self
        for key in path { current = current?[key] }
        return current
    }

    /// This object with `value` at `path`, creating intermediate objects and keeping existing key order.
    func setting(_ value: JSONValue, at path: FieldPath) -> JSONValue {
        guard let key = path.first else { return value }
        var members: [Member] = if case .object(let existing) = self { existing } else { [] }
        let rest = Array(path.dropFirst())
        if let index = members.firstIndex(where: { $0.key == key }) {
            members[index].value = members[index].value.setting(value, at: rest)
        } else {
            members.append(Member(key, JSONValue.object([]).setting(value, at: rest)))
        }
        return .object(members)
    }

    /// This object without the field at `path`; an object left empty by the removal is removed too,
    /// as server-side apply drops maps nobody sets any more.
    func removing(_ path: FieldPath) -> JSONValue {
        guard let key = path.first, case .object(var members) = self,
              let index = members.firstIndex(where: { $0.key == key })
        else { return self }
        if path.count == 1 {
            members.remove(at: index)
        } else {
            let child = members[index].value.removing(Array(path.dropFirst()))
            if case .object(let remaining) = child, remaining.isEmpty {
                members.remove(at: index)
            } else {
                members[index].value = child
            }
        }
        return .object(members)
    }

    /// A value as written in a dotted field selector (`metadata.name=x`): strings bare, others as JSON.
    var selectorText: String {
        if case .string(let text) = self { return text }
        return jsonText(pretty: false)
    }
}

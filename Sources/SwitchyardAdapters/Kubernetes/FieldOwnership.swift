import SwitchyardCore

/// Which field managers own fields of a live object, read from its `metadata.managedFields` (`FieldsV1` trees).
enum FieldOwnership {
    /// The managers other than `except` that own any of `fields`, paths as `ManifestDiff` renders them
    /// (`spec.replicas`, `metadata.labels["app.kubernetes.io/name"]`, `spec.triggers[0].type`). A manager owns
    /// a path when its tree reaches the path's end, or a leaf on the way (it owns that whole subtree); a list
    /// index ends the walk (list items are keyed in other ways than by index).
    static func managers(of object: JSONValue, owning fields: [String], except: String) -> [String] {
        guard case .array(let entries)? = object["metadata"]?["managedFields"] else { return [] }
        var managers: Set<String> = []
        for entry in entries {
            guard let manager = entry["manager"]?.stringValue, manager != except, let tree = entry["fieldsV1"] else { continue }
            if fields.contains(where: { owns(tree, keys(of: $0)) }) { managers.insert(manager) }
        }
        return managers.sorted()
    }

    static func owns(_ tree: JSONValue, _ keys: [String]) -> Bool {
        var node = tree
        for key in keys {
            guard case .object(let members) = node, !members.isEmpty else { return true }
            guard let child = node["f:" + key] else { return false }
            node = child
        }
        return true
    }

    /// The object keys of a rendered path, up to its first list index.
    static func keys(of path: String) -> [String] {
        var keys: [String] = []
        var current = ""
        var index = path.startIndex
        while index < path.endIndex {
            let character = path[index]
            switch character {
            case ".":
                if !current.isEmpty { keys.append(current) }
                current = ""
                index = path.index(after: index)
            case "[":
                if !current.isEmpty { keys.append(current) }
                current = ""
                let rest = path[path.index(after: index)...]
                guard rest.first == "\"", let close = rest.dropFirst().firstIndex(of: "\"") else { return keys }
                keys.append(String(rest[rest.index(after: rest.startIndex)..<close]))
                index = path.index(after: close)
                if index < path.endIndex, path[index] == "]" { index = path.index(after: index) }
            default:
                current.append(character)
                index = path.index(after: index)
            }
        }
        if !current.isEmpty { keys.append(current) }
        return keys
    }
}

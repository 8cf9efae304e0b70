import SwitchyardCore

extension KubernetesObjectStore {
    /// `metadata.managedFields` as the API server shows it: one entry per manager, its operation (`Apply`, or
    /// `Update` for a manager that wrote through an update) and the fields it owns in the `FieldsV1` form
    /// (`{"f:spec": {"f:replicas": {}}}`).
    static func withManagedFields(_ object: JSONValue, owners: [FieldPath: Set<String>], updaters: Set<String>) -> JSONValue {
        var fieldsByManager: [String: [FieldPath]] = [:]
        for (field, managers) in owners {
            for manager in managers { fieldsByManager[manager, default: []].append(field) }
        }
        let entries: [JSONValue] = fieldsByManager.keys.sorted().map { manager in
            .object([
                .init("manager", .string(manager)),
                .init("operation", .string(updaters.contains(manager) ? "Update" : "Apply")),
                .init("apiVersion", object["apiVersion"] ?? .null),
                .init("fieldsType", .string("FieldsV1")),
                .init("fieldsV1", fieldsV1(fieldsByManager[manager] ?? [])),
            ])
        }
        return entries.isEmpty ? object.removing(["metadata", "managedFields"]) : object.setting(.array(entries), at: ["metadata", "managedFields"])
    }

    static func fieldsV1(_ fields: [FieldPath]) -> JSONValue {
        var tree = JSONValue.object([])
        for field in fields.sorted(by: { $0.joined(separator: ".") < $1.joined(separator: ".") }) {
            tree = tree.setting(.object([]), at: field.map { "f:" + $0 })
        }
        return tree
    }
}

import SwitchyardAdapters
import SwitchyardCore

extension KubernetesObjectStore {
    /// Server-side apply as the API server documents it, at the granularity of top-level fields of `spec`
    /// (and of other top-level sections) and single labels and annotations:
    /// - the object is created, or the fields `fieldManager` sends are merged into it;
    /// - a field another manager owns with a different value is a 409 conflict unless `force` takes it over;
    /// - a field this manager set before and no longer sends is removed, if no other manager owns it;
    /// - an apply that changes nothing leaves the object and its resourceVersion alone;
    /// - `metadata.name` must match the path (422), the namespace and apiVersion too (400).
    public func apply(_ applied: JSONValue, at path: ResourcePath, fieldManager: String, force: Bool) throws -> JSONValue {
        guard let name = path.name else {
            throw badRequest("apply needs a resource name in the path")
        }
        guard let apiVersion = applied["apiVersion"]?.stringValue, applied["kind"]?.stringValue != nil else {
            throw badRequest("Object 'Kind' or 'apiVersion' is missing in the applied object")
        }
        guard apiVersion == path.apiVersion else {
            throw badRequest("the API version in the data (\(apiVersion)) does not match the expected API version (\(path.apiVersion))")
        }
        guard let appliedName = applied["metadata"]?["name"]?.stringValue, !appliedName.isEmpty else {
            throw KubernetesError(httpStatus: 422, status: invalidStatus(path, field: "metadata.name", message: "metadata.name: Required value: name is required"))
        }
        guard appliedName == name else {
            throw KubernetesError(httpStatus: 422, status: invalidStatus(
                path, field: "metadata.name",
                message: "metadata.name: Invalid value: \"\(appliedName)\": the name of the object (\(appliedName)) does not match the name on the URL (\(name))"))
        }
        if let appliedNamespace = applied["metadata"]?["namespace"]?.stringValue, appliedNamespace != path.namespace {
            throw badRequest("the namespace of the provided object does not match the namespace sent on the request")
        }

        try requireNamespace(of: path)
        let key = ObjectKey(path, name: name)
        let existing = objects[key]
        let fields = Self.ownedFields(of: applied)
        var owners = existing?.owners ?? [:]
        var object = existing?.object ?? Self.skeleton(applied, namespace: path.namespace)

        let conflicts = fields.keys.sorted { $0.joined(separator: ".") < $1.joined(separator: ".") }.compactMap { field -> (FieldPath, String)? in
            let others = (owners[field] ?? []).subtracting([fieldManager])
            guard let other = others.sorted().first, let current = object.value(at: field),
                  !current.isSemanticallyEqual(to: fields[field]!)
            else { return nil }
            return (field, other)
        }
        if !conflicts.isEmpty && !force {
            throw conflict(path, conflicts: conflicts)
        }

        // Fields this manager dropped since its last apply go, unless someone else still owns them.
        for (field, managers) in owners where managers.contains(fieldManager) && fields[field] == nil {
            var remaining = managers
            remaining.remove(fieldManager)
            owners[field] = remaining.isEmpty ? nil : remaining
            if remaining.isEmpty { object = object.removing(field) }
        }
        for (field, value) in fields {
            var managers: Set<String> = force ? [] : (owners[field] ?? []).filter { other in
                object.value(at: field).map { $0.isSemanticallyEqual(to: value) } ?? false
            }
            managers.insert(fieldManager)
            owners[field] = managers
            object = object.setting(value, at: field)
        }
        object = object.setting(.string(apiVersion), at: ["apiVersion"])

        let updaters = (existing?.updaters ?? []).subtracting([fieldManager])
        if let existing, existing.object.isSemanticallyEqual(to: object) {
            objects[key] = StoredObject(object: existing.object, owners: owners, updaters: updaters)
            return existing.object
        }
        object = Self.withManagedFields(stamp(object, previous: existing?.object), owners: owners, updaters: updaters)
        objects[key] = StoredObject(object: object, owners: owners, updaters: updaters)
        record(existing == nil ? "ADDED" : "MODIFIED", key: key, object: object)
        return object
    }

    /// The fields an applied object sets, at ownership granularity: each key of `spec`, each label and
    /// annotation, and every other top-level section whole. `status` belongs to controllers, not appliers.
    static func ownedFields(of applied: JSONValue) -> [FieldPath: JSONValue] {
        guard case .object(let members) = applied else { return [:] }
        var fields: [FieldPath: JSONValue] = [:]
        for member in members {
            switch member.key {
            case "apiVersion", "kind", "status":
                continue
            case "metadata":
                for section in ["labels", "annotations"] {
                    if case .object(let entries)? = member.value[section] {
                        for entry in entries { fields[["metadata", section, entry.key]] = entry.value }
                    }
                }
            case "spec":
                if case .object(let entries) = member.value, !entries.isEmpty {
                    for entry in entries { fields[["spec", entry.key]] = entry.value }
                } else {
                    fields[["spec"]] = member.value
                }
            default:
                fields[[member.key]] = member.value
            }
        }
        return fields
    }

    /// The identity part of a new object, before any owned field is set.
    static func skeleton(_ applied: JSONValue, namespace: String?) -> JSONValue {
        var metadata: [JSONValue.Member] = [.init("name", applied["metadata"]?["name"] ?? .null)]
        if let namespace { metadata.append(.init("namespace", .string(namespace))) }
        return .object([
            .init("apiVersion", applied["apiVersion"] ?? .null),
            .init("kind", applied["kind"] ?? .null),
            .init("metadata", .object(metadata)),
        ])
    }

    func badRequest(_ message: String) -> KubernetesError {
        KubernetesError(httpStatus: 400, status: KubernetesStatus(message: message, reason: "BadRequest", code: 400))
    }

    func conflict(_ path: ResourcePath, conflicts: [(FieldPath, String)]) -> KubernetesError {
        let causes = conflicts.map { field, manager in
            KubernetesStatus.Cause(reason: "FieldManagerConflict", message: "conflict with \"\(manager)\"", field: "." + field.joined(separator: "."))
        }
        let summary = causes.map { "\($0.message ?? ""): \($0.field ?? "")" }.joined(separator: "\n- ")
        let plural = conflicts.count == 1 ? "conflict" : "conflicts"
        return KubernetesError(httpStatus: 409, status: KubernetesStatus(
            message: "Apply failed with \(conflicts.count) \(plural): \(summary)", reason: "Conflict",
            details: .init(name: path.name, group: path.group.isEmpty ? nil : path.group, kind: path.resource, causes: causes),
            code: 409))
    }
}

import SwitchyardAdapters
import SwitchyardCore

extension KubernetesObjectStore {
    /// Create (`POST`) as the API server documents it: 409 AlreadyExists when an object of that name exists.
    @discardableResult
    public func create(_ object: JSONValue, at path: ResourcePath) throws -> JSONValue {
        guard let name = path.name ?? object["metadata"]?["name"]?.stringValue else {
            throw KubernetesError(httpStatus: 422, status: invalidStatus(path, field: "metadata.name", message: "name: Required value"))
        }
        if objects[ObjectKey(path, name: name)] != nil {
            let what = path.group.isEmpty ? path.resource : "\(path.resource).\(path.group)"
            throw KubernetesError(httpStatus: 409, status: KubernetesStatus(
                message: "\(what) \"\(name)\" already exists", reason: "AlreadyExists",
                details: .init(name: name, group: path.group.isEmpty ? nil : path.group, kind: path.resource), code: 409))
        }
        return try put(object, at: path.named(name))
    }

    /// Update (`PUT`) as the API server documents it: 404 when absent; when the object carries
    /// `metadata.resourceVersion` and it is not the current one, 409 Conflict (optimistic concurrency).
    @discardableResult
    public func update(_ object: JSONValue, at path: ResourcePath, fieldManager: String? = nil) throws -> JSONValue {
        let current = try get(path)
        if let sent = object["metadata"]?["resourceVersion"]?.stringValue, !sent.isEmpty,
           sent != current["metadata"]?["resourceVersion"]?.stringValue {
            let what = path.group.isEmpty ? path.resource : "\(path.resource).\(path.group)"
            throw KubernetesError(httpStatus: 409, status: KubernetesStatus(
                message: "Operation cannot be fulfilled on \(what) \"\(path.name ?? "")\": the object has been modified; please apply your changes to the latest version and try again",
                reason: "Conflict",
                details: .init(name: path.name, group: path.group.isEmpty ? nil : path.group, kind: path.resource), code: 409))
        }
        return try put(object, at: path, fieldManager: fieldManager)
    }
}

import Foundation
import SwitchyardAdapters
import SwitchyardCore

/// The state of a fake Kubernetes API: objects, a global resourceVersion, the change history watches replay,
/// and the field ownership server-side apply checks. Shared by `FakeKubernetesAPIServer` and `InMemoryKubernetes`.
///
/// Failures are thrown as `KubernetesError` carrying the `Status` the real API would send.
public actor KubernetesObjectStore {
    /// Identity across API versions: the same object is visible through every version of its group.
    struct ObjectKey: Hashable, Sendable, Comparable {
        var group: String
        var resource: String
        var namespace: String?
        var name: String

        init(_ path: ResourcePath, name: String) {
            group = path.group
            resource = path.resource
            namespace = path.namespace
            self.name = name
        }

        static func < (lhs: ObjectKey, rhs: ObjectKey) -> Bool {
            (lhs.namespace ?? "", lhs.name) < (rhs.namespace ?? "", rhs.name)
        }

        /// Whether this object belongs to the collection `path` lists (all namespaces when it names none).
        func isIn(_ path: ResourcePath) -> Bool {
            group == path.group && resource == path.resource && (path.namespace == nil || path.namespace == namespace)
        }
    }

    struct StoredObject: Sendable {
        var object: JSONValue
        /// Which managers set each field, through apply or an update naming its field manager.
        var owners: [FieldPath: Set<String>]
        /// Managers whose fields came from an update rather than an apply.
        var updaters: Set<String> = []
    }

    /// One recorded change, replayed to watches that start from an older resourceVersion.
    struct Change: Sendable {
        var resourceVersion: Int
        var key: ObjectKey
        var type: String
        var object: JSONValue
    }

    struct Watcher {
        var collection: ResourcePath
        var selector: ObjectSelector
        var bookmarks: Bool
        var continuation: AsyncStream<FakeWatchEvent>.Continuation
    }

    var objects: [ObjectKey: StoredObject] = [:]
    var history: [Change] = []
    var watchers: [UUID: Watcher] = [:]
    var nextUID = 1
    /// The latest resourceVersion handed out; every change takes the next one.
    public internal(set) var resourceVersion: Int
    /// Watches from a resourceVersion older than this get 410 Gone: their history is gone.
    public internal(set) var compactedThrough: Int

    /// When set, an object written into a namespace that does not exist is refused with 404, as the API server
    /// does (`namespaces "x" not found`); `default` always exists. So is a cluster-scoped resource (Namespace,
    /// NodePool, EC2NodeClass) written under a namespace, or a namespaced one written without, which have no URL
    /// there. Off by default, so tests that seed objects directly need not create their namespaces first.
    public private(set) var requiresNamespaces = false

    /// The cluster-scoped resources among those Switchyard reads and writes, as the API server's discovery lists them.
    public static let clusterScopedResources: Set<String> = ["namespaces", "nodes", "nodepools", "nodeclaims", "ec2nodeclasses"]

    public init(initialResourceVersion: Int = 1000, requiresNamespaces: Bool = false) {
        resourceVersion = initialResourceVersion
        compactedThrough = initialResourceVersion
        self.requiresNamespaces = requiresNamespaces
    }

    /// 404 when namespaces are required and `path`'s namespace does not exist, or `path` is not where its
    /// resource's scope puts it.
    func requireNamespace(of path: ResourcePath) throws {
        guard requiresNamespaces else { return }
        guard Self.clusterScopedResources.contains(path.resource) == (path.namespace == nil) else {
            throw KubernetesError(httpStatus: 404, status: KubernetesStatus(
                message: "the server could not find the requested resource", reason: "NotFound",
                details: .init(name: path.name, group: path.group.isEmpty ? nil : path.group, kind: path.resource), code: 404))
        }
        guard let namespace = path.namespace, namespace != "default" else { return }
        let namespaces = ResourcePath(group: "", version: "v1", resource: "namespaces")
        guard objects[ObjectKey(namespaces, name: namespace)] == nil else { return }
        throw notFound(namespaces.named(namespace))
    }

    // MARK: Reads

    /// The object at `path`; 404 with a NotFound Status when absent.
    public func get(_ path: ResourcePath) throws -> JSONValue {
        guard let name = path.name, let stored = objects[ObjectKey(path, name: name)] else {
            throw notFound(path)
        }
        return stored.object
    }

    /// The objects of a collection, ordered by namespace and name, with the current resourceVersion.
    public func list(_ path: ResourcePath, labelSelector: String? = nil, fieldSelector: String? = nil) -> KubernetesObjectList {
        let selector = ObjectSelector(labelSelector: labelSelector, fieldSelector: fieldSelector)
        let items = objects.filter { $0.key.isIn(path.collection) && selector.matches($0.value.object) }
            .sorted { $0.key < $1.key }
            .map(\.value.object)
        return KubernetesObjectList(items: items, resourceVersion: String(resourceVersion))
    }

    // MARK: Writes outside apply

    /// Creates or replaces an object wholesale, as another client's create or update would. With a `fieldManager`
    /// (the `fieldManager` query parameter, or the manager the API server derives from the client, such as
    /// `kubectl-edit`), that manager takes over the fields whose values it changed, as an `Update` operation.
    @discardableResult
    public func put(_ object: JSONValue, at path: ResourcePath, fieldManager: String? = nil) throws -> JSONValue {
        guard let name = path.name ?? object["metadata"]?["name"]?.stringValue else {
            throw KubernetesError(httpStatus: 422, status: invalidStatus(path, field: "metadata.name", message: "name: Required value"))
        }
        try requireNamespace(of: path)
        let key = ObjectKey(path, name: name)
        var object = object.setting(.string(name), at: ["metadata", "name"])
        if let namespace = path.namespace { object = object.setting(.string(namespace), at: ["metadata", "namespace"]) }
        let existing = objects[key]
        var owners = existing?.owners ?? [:]
        var updaters = existing?.updaters ?? []
        if let fieldManager {
            let before = existing.map { Self.ownedFields(of: $0.object) } ?? [:]
            let after = Self.ownedFields(of: object)
            for field in Set(before.keys).subtracting(after.keys) { owners[field] = nil }
            for (field, value) in after where before[field].map({ !$0.isSemanticallyEqual(to: value) }) ?? true {
                owners[field] = [fieldManager]
            }
            updaters.insert(fieldManager)
        }
        object = Self.withManagedFields(stamp(object, previous: existing?.object), owners: owners, updaters: updaters)
        objects[key] = StoredObject(object: object, owners: owners, updaters: updaters)
        record(existing == nil ? "ADDED" : "MODIFIED", key: key, object: object)
        return object
    }

    /// Deletes an object; 404 when absent.
    @discardableResult
    public func delete(_ path: ResourcePath) throws -> JSONValue {
        guard let name = path.name, let stored = objects[ObjectKey(path, name: name)] else { throw notFound(path) }
        let key = ObjectKey(path, name: name)
        objects[key] = nil
        resourceVersion += 1
        let object = stored.object.setting(.string(String(resourceVersion)), at: ["metadata", "resourceVersion"])
        record("DELETED", key: key, object: object)
        return object
    }

    // MARK: Bookkeeping

    /// Sets resourceVersion, uid and generation as the API server does on every change.
    func stamp(_ object: JSONValue, previous: JSONValue?) -> JSONValue {
        resourceVersion += 1
        var object = object.setting(.string(String(resourceVersion)), at: ["metadata", "resourceVersion"])
        let digits = String(nextUID)
        let uid = previous?["metadata"]?["uid"]
            ?? .string("00000000-0000-4000-8000-" + String(repeating: "0", count: max(0, 12 - digits.count)) + digits)
        if previous == nil { nextUID += 1 }
        object = object.setting(uid, at: ["metadata", "uid"])
        let generation = previous?["metadata"]?["generation"]?.numberValue.map { Int($0) } ?? 0
        let specChanged = previous == nil || !(previous?["spec"] ?? .null).isSemanticallyEqual(to: object["spec"] ?? .null)
        object = object.setting(.integer(specChanged ? generation + 1 : max(generation, 1)), at: ["metadata", "generation"])
        return object
    }

    /// Appends a change to the history and tells the watches that cover it.
    func record(_ type: String, key: ObjectKey, object: JSONValue) {
        history.append(Change(resourceVersion: resourceVersion, key: key, type: type, object: object))
        for watcher in watchers.values where key.isIn(watcher.collection) && watcher.selector.matches(object) {
            watcher.continuation.yield(FakeWatchEvent(type: type, object: object))
        }
    }

    func notFound(_ path: ResourcePath) -> KubernetesError {
        let what = path.group.isEmpty ? path.resource : "\(path.resource).\(path.group)"
        return KubernetesError(httpStatus: 404, status: KubernetesStatus(
            message: "\(what) \"\(path.name ?? "")\" not found", reason: "NotFound",
            details: .init(name: path.name, group: path.group.isEmpty ? nil : path.group, kind: path.resource), code: 404))
    }

    func invalidStatus(_ path: ResourcePath, field: String, message: String) -> KubernetesStatus {
        let what = path.group.isEmpty ? path.resource : "\(path.resource).\(path.group)"
        return KubernetesStatus(
            message: "\(what) \"\(path.name ?? "")\" is invalid: \(message)", reason: "Invalid",
            details: .init(name: path.name, group: path.group.isEmpty ? nil : path.group, kind: path.resource,
                           causes: [.init(reason: "FieldValueInvalid", message: message, field: field)]),
            code: 422)
    }
}

/// One line of a watch stream, as the API writes it: `{"type":"ADDED","object":{...}}`.
public struct FakeWatchEvent: Sendable, Hashable {
    public var type: String
    public var object: JSONValue

    public var jsonValue: JSONValue { .object([.init("type", .string(type)), .init("object", object)]) }
}

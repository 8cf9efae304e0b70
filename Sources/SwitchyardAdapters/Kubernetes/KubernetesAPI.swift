import SwitchyardCore

/// The Kubernetes API as Switchyard uses it: server-side apply, get, list, watch and delete of generic objects.
///
/// `LiveKubernetesClient` talks to a real API server; `InMemoryKubernetes` (SwitchyardFakes) keeps objects in memory
/// with the same apply semantics, for tests of callers.
public protocol KubernetesAPI: Sendable {
    /// Server-side apply (`PATCH` with `application/apply-patch+yaml`): creates the object or merges the fields
    /// `fieldManager` sets. `force` takes over fields another manager owns instead of failing with a conflict.
    /// Returns the object as stored.
    func apply(_ object: JSONValue, at path: ResourcePath, fieldManager: String, force: Bool) async throws -> JSONValue

    /// The object at `path` (which must carry a name); `KubernetesError.notFound` when absent.
    func get(_ path: ResourcePath) async throws -> JSONValue

    /// The objects of a collection and the resourceVersion to watch from. `labelSelector` is the API's
    /// selector syntax (`a=b,c=d`).
    func list(_ path: ResourcePath, labelSelector: String?) async throws -> KubernetesObjectList

    /// Changes to a collection after `resourceVersion` (nil: the current objects as `added`, then changes).
    /// The watch survives the server closing the stream (it resumes from the last resourceVersion seen) and
    /// falling behind the server's history (it relists and reports `relisted`). It ends when the consumer stops
    /// iterating, or with an error that retrying cannot fix. `labelSelector` narrows it to matching objects.
    func watch(_ path: ResourcePath, labelSelector: String?, from resourceVersion: String?) -> AsyncThrowingStream<KubernetesWatchEvent, any Error>
}

extension KubernetesAPI {
    /// Changes to every object of a collection after `resourceVersion`.
    public func watch(_ path: ResourcePath, from resourceVersion: String?) -> AsyncThrowingStream<KubernetesWatchEvent, any Error> {
        watch(path, labelSelector: nil, from: resourceVersion)
    }

    /// The field manager Switchyard applies as.
    public static var switchyardFieldManager: String { "switchyard" }

    /// Applies as Switchyard's field manager.
    public func apply(_ object: JSONValue, at path: ResourcePath, force: Bool = false) async throws -> JSONValue {
        try await apply(object, at: path, fieldManager: Self.switchyardFieldManager, force: force)
    }

    /// Applies an object at the path its own `apiVersion`, `kind` and metadata name.
    public func apply(_ object: JSONValue, fieldManager: String = "switchyard", force: Bool = false) async throws -> JSONValue {
        guard let path = ResourcePath(object: object) else {
            throw KubernetesError.invalidRequest("object lacks apiVersion, kind or metadata.name")
        }
        return try await apply(object, at: path, fieldManager: fieldManager, force: force)
    }

    public func list(_ path: ResourcePath) async throws -> KubernetesObjectList {
        try await list(path, labelSelector: nil)
    }
}

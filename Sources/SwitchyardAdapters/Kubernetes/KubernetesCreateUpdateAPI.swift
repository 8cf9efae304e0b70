import SwitchyardCore

/// Create and update with optimistic concurrency, for objects Switchyard writes whole rather than applies,
/// such as the coordination.k8s.io Lease its replicas elect a leader with.
public protocol KubernetesCreateUpdateAPI: KubernetesAPI {
    /// `POST` to the collection: creates the object at `path` (which names it);
    /// `KubernetesError.conflict` (409 AlreadyExists) when it exists.
    func create(_ object: JSONValue, at path: ResourcePath) async throws -> JSONValue

    /// `PUT`: replaces the object at `path`. When the object carries `metadata.resourceVersion` it must be the
    /// current one, else `KubernetesError.conflict` (409): someone else wrote first. 404 when absent.
    func update(_ object: JSONValue, at path: ResourcePath) async throws -> JSONValue
}

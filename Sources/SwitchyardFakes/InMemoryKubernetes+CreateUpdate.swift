import SwitchyardAdapters
import SwitchyardCore

extension InMemoryKubernetes: KubernetesCreateUpdateAPI {
    public func create(_ object: JSONValue, at path: ResourcePath) async throws -> JSONValue {
        try await calls.record(Call(verb: "create", path: path))
        return try await store.create(object, at: path)
    }

    public func update(_ object: JSONValue, at path: ResourcePath) async throws -> JSONValue {
        try await calls.record(Call(verb: "update", path: path))
        return try await store.update(object, at: path)
    }
}

import NIOCore
import SwitchyardCore

extension LiveKubernetesClient: KubernetesCreateUpdateAPI {
    public func create(_ object: JSONValue, at path: ResourcePath) async throws -> JSONValue {
        guard path.name != nil else { throw KubernetesError.invalidRequest("create needs a path with a name: \(path)") }
        let body = ByteBuffer(string: object.jsonText(pretty: false))
        return try await decodeObject(send(.POST, path.collection.path, body: body, contentType: "application/json"))
    }

    public func update(_ object: JSONValue, at path: ResourcePath) async throws -> JSONValue {
        guard path.name != nil else { throw KubernetesError.invalidRequest("update needs a path with a name: \(path)") }
        let body = ByteBuffer(string: object.jsonText(pretty: false))
        return try await decodeObject(send(.PUT, path.path, body: body, contentType: "application/json"))
    }
}

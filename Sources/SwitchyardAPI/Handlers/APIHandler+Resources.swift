internal import Foundation
internal import OpenAPIRuntime
import SwitchyardCore
import SwitchyardStore

/// The four fleet resources share one behaviour; these carry it, and the per-kind operations only translate types.
extension APIHandler {
    /// A page of resources in the generated schema type `Item`.
    func listResources<R: FleetResource, Item: Decodable>(
        _ type: R.Type, as item: Item.Type, filter: ResourceFilter = .init(), cursor: String?, limit: Int?
    ) async throws -> (items: [Item], nextCursor: String?) {
        let page = try await database.list(R.self, filter: filter, after: cursor, limit: try Self.pageSize(limit))
        return (try page.items.map { try SchemaBridge.convert($0.value, to: Item.self) }, page.nextCursor)
    }

    func getResource<R: FleetResource, Item: Decodable>(_ type: R.Type, as item: Item.Type, named name: String)
        async throws -> (body: Item, etag: String)
    {
        let stored = try await database.get(R.self, named: name)
        return (try SchemaBridge.convert(stored.value, to: Item.self), stored.etag)
    }

    /// Creates or replaces a resource sent as JSON (already parsed into the generated type) or raw YAML.
    func putResource<R: FleetResource, Item: Codable>(
        _ type: R.Type, body: ResourceBody<Item>, pathName: String, ifMatch: String?
    ) async throws -> (body: Item, etag: String, outcome: WriteOutcome) {
        let value: R = try await decode(body)
        try Self.requireSameName(value.name, as: pathName)
        let result = try await database.put(value, ifMatch: ifMatch, context: try RequestScope.changeContext())
        return (try SchemaBridge.convert(result.stored.value, to: Item.self), result.stored.etag, result.outcome)
    }

    func deleteResource<R: FleetResource>(_ type: R.Type, named name: String, ifMatch: String?) async throws {
        try await database.delete(R.self, named: name, ifMatch: ifMatch, context: try RequestScope.changeContext())
    }

    /// A domain value from a request body in either of its media types. Both pass through the generated schema
    /// type, so YAML is held to the same types and fields as JSON.
    func decode<Value: Decodable, Item: Codable>(_ body: ResourceBody<Item>) async throws -> Value {
        switch body {
        case .json(let item): try SchemaBridge.convert(item, to: Value.self)
        case .yaml(let raw):
            try SchemaBridge.convert(try await YAMLBody.decode(Item.self, from: raw, maxBytes: maxBodyBytes), to: Value.self)
        }
    }

    /// Where a created resource lives.
    static func location(_ collection: String, _ name: String) -> String {
        "/v1/\(collection)/\(name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name)"
    }
}

/// A request body as the generated server hands it over: parsed JSON, or raw YAML still to be decoded.
enum ResourceBody<Item: Sendable>: Sendable {
    case json(Item)
    case yaml(HTTPBody)
}

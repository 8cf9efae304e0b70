internal import Foundation
internal import OpenAPIRuntime
import SwitchyardCore
import SwitchyardStore

/// The four fleet resources share one behaviour; these carry it, and each resource's operations only say which
/// resource and how their generated output is shaped.
extension APIHandler {
    func listResources<R: APIResource>(
        _ type: R.Type, filter: ResourceFilter = .init(), cursor: String?, limit: Int?
    ) async throws -> (items: [R.Schema], nextCursor: String?) {
        let page = try await database.list(R.self, filter: filter, after: cursor, limit: try Self.pageSize(limit))
        return (try page.items.map { try $0.value.schema() }, page.nextCursor)
    }

    func getResource<R: APIResource>(_ type: R.Type, named name: String) async throws -> (body: R.Schema, etag: String) {
        let stored = try await database.get(R.self, named: name)
        return (try stored.value.schema(), stored.etag)
    }

    /// Creates or replaces a resource sent as JSON (already parsed into the generated type) or raw YAML, and answers
    /// through `created` (with the new resource's location) or `replaced`.
    func putResource<R: APIResource, Output>(
        _ type: R.Type, body: ResourceBody<R.Schema>, pathName: String, ifMatch: String?,
        created: (_ body: R.Schema, _ etag: String, _ location: String, _ outcome: String) -> Output,
        replaced: (_ body: R.Schema, _ etag: String, _ outcome: String) -> Output
    ) async throws -> Output {
        let value = try R(try await decode(body))
        try Self.requireSameName(value.name, as: pathName)
        let result = try await database.put(value, ifMatch: ifMatch, context: try RequestScope.changeContext())
        let written = try result.stored.value.schema()
        if result.outcome == .created {
            return created(written, result.stored.etag, Self.location(R.collection, pathName), result.outcome.rawValue)
        }
        return replaced(written, result.stored.etag, result.outcome.rawValue)
    }

    func deleteResource<R: APIResource>(_ type: R.Type, named name: String, ifMatch: String?) async throws {
        try await database.delete(R.self, named: name, ifMatch: ifMatch, context: try RequestScope.changeContext())
    }

    /// A request body in the generated schema type, from either of its media types: YAML is read through the same
    /// type as JSON, so it is held to the same types and fields.
    func decode<Item: Decodable>(_ body: ResourceBody<Item>) async throws -> Item {
        switch body {
        case .json(let item): item
        case .yaml(let raw): try await YAMLBody.decode(Item.self, from: raw, maxBytes: maxBodyBytes)
        }
    }

    /// Where a created resource lives.
    static func location(_ collection: String, _ name: String) -> String {
        "/v1/\(collection)/\(name.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? name)"
    }
}

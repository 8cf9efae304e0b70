import Foundation
import Hummingbird
import NIOCore
import SwitchyardAdapters
import SwitchyardCore
import Yams

/// Answers every request the way the Kubernetes API server documents: apply, get, list, watch, delete on
/// `/api/...` and `/apis/...` paths, failures as `Status` objects.
struct FakeKubernetesResponder: HTTPResponder {
    typealias Context = BasicRequestContext

    let store: KubernetesObjectStore
    let log: FakeKubernetesRequestLog

    func respond(to request: Request, context: Context) async throws -> Response {
        var request = request
        let body = try await request.collectBody(upTo: 16 << 20)
        var query: [String: String] = [:]
        for (name, value) in request.uri.queryParameters { query[String(name)] = String(value) }
        let contentType = request.headers[.contentType]
        await log.record(FakeKubernetesRequest(
            method: request.method.rawValue, path: request.uri.path, query: query, contentType: contentType,
            authorization: request.headers[.authorization], body: String(buffer: body)))

        let isWatch = query["watch"] == "true" || query["watch"] == "1"
        try await log.delay(method: request.method.rawValue, isWatch: isWatch)
        if let fault = await log.nextFault() {
            return Self.failure(KubernetesStatus(message: "injected fault", reason: Self.reason(fault.status), code: fault.status),
                                retryAfterSeconds: fault.retryAfterSeconds)
        }
        guard let path = ResourcePath(parsing: request.uri.path) else {
            return Self.failure(KubernetesStatus(message: "the server could not find the requested resource", reason: "NotFound", code: 404))
        }
        do {
            switch request.method {
            case .patch:
                return try await apply(path: path, query: query, contentType: contentType, body: body)
            case .get where query["watch"] == "true" || query["watch"] == "1":
                return try await watch(path: path, query: query)
            case .get where path.name != nil:
                return Self.json(try await store.get(path))
            case .get:
                let list = await store.list(path, labelSelector: query["labelSelector"], fieldSelector: query["fieldSelector"])
                return Self.json(.object([
                    .init("apiVersion", .string(path.apiVersion)), .init("kind", .string("List")),
                    .init("metadata", .object([.init("resourceVersion", .string(list.resourceVersion))])),
                    .init("items", .array(list.items)),
                ]))
            case .post where path.name == nil:
                guard let object = Self.parseBody(body) else { return Self.undecodableBody() }
                return Self.json(try await store.create(object, at: path), status: .created)
            case .put where path.name != nil:
                guard let object = Self.parseBody(body) else { return Self.undecodableBody() }
                if let sentName = object["metadata"]?["name"]?.stringValue, sentName != path.name {
                    return Self.failure(KubernetesStatus(
                        message: "the name of the object (\(sentName)) does not match the name on the URL (\(path.name ?? ""))",
                        reason: "BadRequest", code: 400))
                }
                return Self.json(try await store.update(object, at: path, fieldManager: query["fieldManager"]))
            case .delete:
                _ = try await store.delete(path)
                return Self.json(KubernetesStatus(status: "Success", message: nil, reason: nil,
                                                  details: .init(name: path.name, kind: path.resource), code: 200).jsonValue)
            default:
                return Self.failure(KubernetesStatus(message: "the server does not allow this method on the requested resource", reason: "MethodNotAllowed", code: 405))
            }
        } catch let error as KubernetesError {
            return Self.failure(error.status ?? KubernetesStatus(message: "\(error)", reason: "InternalError", code: 500))
        }
    }

    private func apply(path: ResourcePath, query: [String: String], contentType: String?, body: ByteBuffer) async throws -> Response {
        guard contentType?.split(separator: ";").first?.trimmingCharacters(in: .whitespaces) == "application/apply-patch+yaml" else {
            return Self.failure(KubernetesStatus(
                message: "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
                reason: "UnsupportedMediaType", code: 415))
        }
        guard let fieldManager = query["fieldManager"], !fieldManager.isEmpty else {
            return Self.failure(KubernetesStatus(message: "fieldManager is required for apply requests", reason: "BadRequest", code: 400))
        }
        guard let object = Self.parseBody(body) else { return Self.undecodableBody() }
        let existed = (try? await store.get(path)) != nil
        let stored = try await store.apply(object, at: path, fieldManager: fieldManager, force: query["force"] == "true")
        return Self.json(stored, status: existed ? .ok : .created)
    }

    private func watch(path: ResourcePath, query: [String: String]) async throws -> Response {
        let subscription: KubernetesObjectStore.WatchSubscription
        do {
            subscription = try await store.watch(
                path, from: query["resourceVersion"], labelSelector: query["labelSelector"],
                fieldSelector: query["fieldSelector"], bookmarks: query["allowWatchBookmarks"] == "true")
        } catch let error as KubernetesError {
            guard case .gone(let status) = error else { throw error }
            // The API answers an expired resourceVersion on a watch with 200 and a single ERROR event.
            let event = FakeWatchEvent(type: "ERROR", object: status.jsonValue)
            return Response(status: .ok, headers: [.contentType: "application/json"],
                            body: ResponseBody(byteBuffer: ByteBuffer(string: event.jsonValue.jsonText(pretty: false) + "\n")))
        }
        let body = ResponseBody { writer in
            for event in subscription.replay {
                try await writer.write(ByteBuffer(string: event.jsonValue.jsonText(pretty: false) + "\n"))
            }
            for await event in subscription.live {
                try await writer.write(ByteBuffer(string: event.jsonValue.jsonText(pretty: false) + "\n"))
            }
            try await writer.finish(nil)
        }
        return Response(status: .ok, headers: [.contentType: "application/json"], body: body)
    }

    /// JSON is valid YAML, but JSON goes through Foundation so quoted numbers stay strings exactly.
    static func parseBody(_ body: ByteBuffer) -> JSONValue? {
        let text = String(buffer: body)
        if text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix("{") {
            return try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
        }
        guard let loaded = try? Yams.load(yaml: text) else { return nil }
        return jsonValue(fromYAML: loaded)
    }

    static func jsonValue(fromYAML value: Any?) -> JSONValue? {
        switch value {
        case nil, is NSNull: return .null
        case let value as Bool: return .bool(value)
        case let value as Int: return .integer(value)
        case let value as Double: return .number(value)
        case let value as String: return .string(value)
        case let value as [Any]:
            let elements = value.compactMap { jsonValue(fromYAML: $0) }
            return elements.count == value.count ? .array(elements) : nil
        case let value as [String: Any]:
            var members: [JSONValue.Member] = []
            for key in value.keys.sorted() {
                guard let converted = jsonValue(fromYAML: value[key]) else { return nil }
                members.append(.init(key, converted))
            }
            return .object(members)
        default:
            return nil
        }
    }

    static func undecodableBody() -> Response {
        failure(KubernetesStatus(message: "error decoding YAML: the body is neither JSON nor YAML", reason: "BadRequest", code: 400))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json"],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: value.jsonText(pretty: false))))
    }

    static func failure(_ status: KubernetesStatus, retryAfterSeconds: Int? = nil) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let retryAfterSeconds { headers[.retryAfter] = String(retryAfterSeconds) }
        return Response(status: HTTPResponse.Status(code: status.code ?? 500), headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: status.jsonValue.jsonText(pretty: false))))
    }

    static func reason(_ code: Int) -> String {
        switch code {
        case 410: "Expired"
        case 429: "TooManyRequests"
        case 503: "ServiceUnavailable"
        case 500...: "InternalError"
        default: "BadRequest"
        }
    }
}

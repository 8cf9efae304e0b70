import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import SwitchyardCore

/// `KubernetesAPI` over HTTPS with AsyncHTTPClient: bearer token or client certificate, the cluster's CA,
/// retries of throttled, failed and unconnected requests through a `RetryPolicy`.
///
/// Owns its `HTTPClient`; call `shutdown()` before dropping it.
public final class LiveKubernetesClient: KubernetesAPI, Sendable {
    public let configuration: KubernetesClientConfiguration
    let httpClient: HTTPClient
    let tokens: BearerTokenSource
    let retryPolicy: RetryPolicy
    let requestTimeout: Duration
    let watchRestartDelay: Duration
    let logger: Logger

    /// - Parameters:
    ///   - retryPolicy: repeats requests answered 429 (honouring Retry-After) or 5xx, and requests that got no answer.
    ///   - requestTimeout: the limit for one request and its response body; watches are not limited.
    ///   - connectTimeout: how long to keep trying to connect (AsyncHTTPClient retries refused connections until then).
    ///   - watchRestartDelay: the pause before re-opening a watch the server closed without sending anything,
    ///     so a server that keeps closing at once is not hammered.
    public init(
        configuration: KubernetesClientConfiguration,
        retryPolicy: RetryPolicy = RetryPolicy(),
        requestTimeout: Duration = .seconds(30),
        connectTimeout: Duration = .seconds(10),
        watchRestartDelay: Duration = .seconds(1),
        logger: Logger = Logger(label: "switchyard.kubernetes")
    ) throws {
        let tls = try configuration.makeTLSConfiguration()
        let httpConfiguration = HTTPClient.Configuration(
            tlsConfiguration: tls, timeout: HTTPClient.Configuration.Timeout(connect: Self.timeAmount(connectTimeout)))
        self.configuration = configuration
        self.httpClient = HTTPClient(eventLoopGroupProvider: .singleton, configuration: httpConfiguration)
        self.tokens = BearerTokenSource(configuration.credentials)
        self.retryPolicy = retryPolicy
        self.requestTimeout = requestTimeout
        self.watchRestartDelay = watchRestartDelay
        self.logger = logger
    }

    /// Closes the connections; the client cannot be used afterwards.
    public func shutdown() async throws {
        try await httpClient.shutdown()
    }

    public func apply(_ object: JSONValue, at path: ResourcePath, fieldManager: String, force: Bool) async throws -> JSONValue {
        guard path.name != nil else { throw KubernetesError.invalidRequest("apply needs a path with a name: \(path)") }
        let body = ByteBuffer(string: object.jsonText(pretty: false))
        let query = [("fieldManager", fieldManager), ("force", force ? "true" : "false")]
        return try await decodeObject(
            send(.PATCH, path.path, query: query, body: body, contentType: "application/apply-patch+yaml"))
    }

    public func get(_ path: ResourcePath) async throws -> JSONValue {
        guard path.name != nil else { throw KubernetesError.invalidRequest("get needs a path with a name: \(path)") }
        return try await decodeObject(send(.GET, path.path))
    }

    public func list(_ path: ResourcePath, labelSelector: String?) async throws -> KubernetesObjectList {
        let query = labelSelector.map { [("labelSelector", $0)] } ?? []
        let list = try await decodeObject(send(.GET, path.collection.path, query: query))
        guard case .array(let items)? = list["items"] ?? .array([]) else {
            throw KubernetesError.malformedResponse("list of \(path.collection) has no items array")
        }
        return KubernetesObjectList(items: items, resourceVersion: list["metadata"]?["resourceVersion"]?.stringValue ?? "")
    }

    // MARK: Requests

    /// Sends a request through the retry policy and returns the body of a 2xx answer.
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String)] = [], body: ByteBuffer? = nil, contentType: String? = nil
    ) async throws -> ByteBuffer {
        try await retryPolicy.run { attempt in
            let response = try await open(method, path, query: query, body: body, contentType: contentType, deadline: .now() + Self.timeAmount(requestTimeout))
            let bytes: ByteBuffer
            do {
                bytes = try await response.body.collect(upTo: 64 << 20)
            } catch {
                throw Self.transportError(error)
            }
            logger.debug("kubernetes request", metadata: [
                "method": "\(method.rawValue)", "path": "\(path)", "status": "\(response.status.code)", "attempt": "\(attempt)",
            ])
            guard (200..<300).contains(response.status.code) else {
                throw Self.error(status: Int(response.status.code), headers: response.headers, body: bytes)
            }
            return bytes
        }
    }

    /// Sends one request and returns the response with its body unread.
    func open(
        _ method: HTTPMethod, _ path: String, query: [(String, String)], body: ByteBuffer?, contentType: String?, deadline: NIODeadline
    ) async throws -> HTTPClientResponse {
        var request = HTTPClientRequest(url: configuration.server + path + Self.queryString(query))
        request.method = method
        request.headers.add(name: "Accept", value: "application/json")
        request.headers.add(name: "User-Agent", value: "switchyard")
        if let token = try await tokens.token() {
            request.headers.add(name: "Authorization", value: "Bearer \(token)")
        }
        if let body {
            request.headers.add(name: "Content-Type", value: contentType ?? "application/json")
            request.body = .bytes(body)
        }
        do {
            return try await httpClient.execute(request, deadline: deadline, logger: nil)
        } catch {
            throw Self.transportError(error)
        }
    }

    static func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    static func queryString(_ query: [(String, String)]) -> String {
        guard !query.isEmpty else { return "" }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+,;")
        return "?" + query.map { name, value in
            "\(name)=\(value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)"
        }.joined(separator: "&")
    }

    /// A network failure worth repeating becomes `.transport`; anything else (cancellation, a bad URL) passes unchanged.
    static func transportError(_ error: any Error) -> any Error {
        if let failure = ConnectionFailure.classify(error) { return KubernetesError.transport(failure.reason) }
        return error
    }

    /// The typed error of a non-2xx answer, from its Status body and Retry-After header.
    static func error(status: Int, headers: HTTPHeaders, body: ByteBuffer) -> KubernetesError {
        let decoded = try? JSONDecoder().decode(KubernetesStatus.self, from: Data(buffer: body))
        let retryAfter = RetryAfter.delay(fromHeader: headers.first(name: "Retry-After"), now: Date())
        return KubernetesError(httpStatus: status, status: decoded, retryAfter: retryAfter)
    }

    func decodeObject(_ body: ByteBuffer) throws -> JSONValue {
        do {
            return try JSONDecoder().decode(JSONValue.self, from: Data(buffer: body))
        } catch {
            throw KubernetesError.malformedResponse("body is not JSON (\(body.readableBytes) bytes)")
        }
    }
}

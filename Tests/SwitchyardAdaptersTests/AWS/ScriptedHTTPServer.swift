import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// A loopback HTTP server (header names recorded lower-cased) that answers every request with the next response of a script (repeating
/// the last one when the script runs out) and records what it received.
final class ScriptedHTTPServer: Sendable {
    struct Reply: Sendable {
        var status: Int
        var headers: [String: String] = [:]
        var body: String = ""
    }

    struct Received: Sendable {
        var method: String
        var path: String
        var headers: [String: String]
        var body: String
    }

    private let script: [Reply]
    private let state = Mutex<[Received]>([])

    private init(script: [Reply]) {
        self.script = script
    }

    /// Everything received so far, in order.
    var received: [Received] { state.withLock { $0 } }

    /// Runs `body` with a server on a free loopback port following `script`, then stops the server.
    static func with<T: Sendable>(
        _ script: [Reply], _ body: @Sendable (_ url: URL, _ server: ScriptedHTTPServer) async throws -> T
    ) async throws -> T {
        precondition(!script.isEmpty, "a script needs at least one reply")
        let server = ScriptedHTTPServer(script: script)
        let router = Router()
        router.on("/", method: .post) { request, _ in try await server.answer(request) }
        router.on("/", method: .get) { request, _ in try await server.answer(request) }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        // Stopping by cancellation makes the server log an error; only real failures should show.
        var quiet = Logger(label: "scripted-http-server")
        quiet.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: quiet
        )
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port != 0 else {
                throw ScriptedServerError.didNotStart
            }
            return try await body(URL(string: "http://127.0.0.1:\(port)/")!, server)
        }
    }

    private func answer(_ request: Request) async throws -> Response {
        let bytes = try await request.body.collect(upTo: 1 << 20)
        var headers: [String: String] = [:]
        for field in request.headers { headers[field.name.canonicalName] = field.value }
        let index = state.withLock { received in
            received.append(Received(
                method: request.method.rawValue, path: request.uri.path, headers: headers,
                body: String(buffer: bytes)
            ))
            return received.count - 1
        }
        let reply = script[min(index, script.count - 1)]
        var fields = HTTPFields()
        for (name, value) in reply.headers {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        fields[.contentType] = "text/xml"
        return Response(
            status: .init(code: reply.status), headers: fields,
            body: .init(byteBuffer: ByteBuffer(string: reply.body))
        )
    }
}

enum ScriptedServerError: Error {
    case didNotStart
}

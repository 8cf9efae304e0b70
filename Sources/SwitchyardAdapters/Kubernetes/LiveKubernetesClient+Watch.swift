import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import SwitchyardCore

extension LiveKubernetesClient {
    public func watch(
        _ path: ResourcePath, labelSelector: String?, from resourceVersion: String?
    ) -> AsyncThrowingStream<KubernetesWatchEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: KubernetesWatchEvent.self)
        let task = Task {
            do {
                try await runWatch(path, labelSelector: labelSelector, from: resourceVersion, continuation: continuation)
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Keeps a watch open until cancelled: re-opens it from the last resourceVersion when the server ends it,
    /// relists on 410 Gone, and gives up only when the retry policy does on consecutive failures.
    func runWatch(
        _ path: ResourcePath, labelSelector: String? = nil, from startVersion: String?, continuation: AsyncThrowingStream<KubernetesWatchEvent, any Error>.Continuation
    ) async throws {
        var resourceVersion = startVersion
        var consecutiveFailures = 0
        while !Task.isCancelled {
            do {
                let response = try await openWatch(path, labelSelector: labelSelector, from: resourceVersion)
                var received = 0
                var pending: [UInt8] = []
                do {
                    for try await chunk in response.body {
                        pending.append(contentsOf: chunk.readableBytesView)
                        while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                            let line = Array(pending[..<newline])
                            pending.removeSubrange(...newline)
                            guard let event = try Self.decodeWatchLine(line) else { continue }
                            resourceVersion = event.resourceVersion ?? resourceVersion
                            received += 1
                            consecutiveFailures = 0
                            continuation.yield(event)
                        }
                    }
                } catch let error as KubernetesError {
                    throw error
                } catch {
                    throw Self.transportError(error)
                }
                logger.debug("kubernetes watch ended by server", metadata: ["path": "\(path)", "resourceVersion": "\(resourceVersion ?? "")"])
                if received == 0 { try await retryPolicy.sleep(watchRestartDelay) }
            } catch KubernetesError.gone {
                let list = try await list(path.collection, labelSelector: labelSelector)
                let items = path.name.map { name in list.items.filter { $0["metadata"]?["name"]?.stringValue == name } } ?? list.items
                resourceVersion = list.resourceVersion
                logger.debug("kubernetes watch relisted after 410", metadata: ["path": "\(path)", "resourceVersion": "\(list.resourceVersion)"])
                continuation.yield(.relisted(KubernetesObjectList(items: items, resourceVersion: list.resourceVersion)))
            } catch {
                consecutiveFailures += 1
                guard consecutiveFailures < retryPolicy.maxAttempts,
                      let wait = retryPolicy.delay(after: error, attempt: consecutiveFailures)
                else { throw error }
                try await retryPolicy.sleep(wait)
            }
        }
    }

    /// Opens the watch request; an object path watches its collection narrowed by a field selector on the name.
    func openWatch(_ path: ResourcePath, labelSelector: String? = nil, from resourceVersion: String?) async throws -> HTTPClientResponse {
        var query = [("watch", "true"), ("allowWatchBookmarks", "true")]
        if let labelSelector { query.append(("labelSelector", labelSelector)) }
        if let resourceVersion { query.append(("resourceVersion", resourceVersion)) }
        if let name = path.name { query.append(("fieldSelector", "metadata.name=\(name)")) }
        let response = try await open(.GET, path.collection.path, query: query, body: nil, contentType: nil, deadline: .distantFuture)
        guard response.status.code == 200 else {
            let body = (try? await response.body.collect(upTo: 1 << 20)) ?? ByteBuffer()
            throw Self.error(status: Int(response.status.code), headers: response.headers, body: body)
        }
        return response
    }

    /// One line of the watch stream: `{"type": ..., "object": ...}`. Blank lines are skipped; an ERROR event
    /// is thrown as the error its Status describes (410 becomes `.gone`).
    static func decodeWatchLine(_ line: [UInt8]) throws -> KubernetesWatchEvent? {
        guard line.contains(where: { $0 != UInt8(ascii: " ") && $0 != UInt8(ascii: "\r") }) else { return nil }
        let decoded: JSONValue
        do {
            decoded = try JSONDecoder().decode(JSONValue.self, from: Data(line))
        } catch {
            throw KubernetesError.malformedResponse("watch event is not JSON")
        }
        guard let type = decoded["type"]?.stringValue, let object = decoded["object"] else {
            throw KubernetesError.malformedResponse("watch event lacks type or object")
        }
        switch type {
        case "ADDED": return .added(object)
        case "MODIFIED": return .modified(object)
        case "DELETED": return .deleted(object)
        case "BOOKMARK": return .bookmark(resourceVersion: object["metadata"]?["resourceVersion"]?.stringValue ?? "")
        case "ERROR":
            let status = try? JSONValueDecoding.decode(KubernetesStatus.self, from: object)
            throw KubernetesError(httpStatus: status?.code ?? 500, status: status)
        default:
            throw KubernetesError.malformedResponse("unknown watch event type \(type)")
        }
    }
}

/// Decodes a `JSONValue` into a Decodable type by way of its JSON text.
enum JSONValueDecoding {
    static func decode<T: Decodable>(_ type: T.Type, from value: JSONValue) throws -> T {
        try JSONDecoder().decode(type, from: Data(value.jsonText(pretty: false).utf8))
    }
}

import Foundation
import HTTPTypes
import OpenAPIRuntime
import Synchronization
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

/// Repeated reads are answered from the bytes sent last, and never after what they derive from has changed.
@Suite("Read cache")
struct ReadCacheTests {
    let context = ChangeContext(actor: "test", requestID: "read-cache")

    /// Counts the handler's calls; each answer names its call.
    final class Handler: Sendable {
        let calls = Mutex(0)
        /// Runs during a call, before it answers.
        let during = Mutex<(@Sendable () async throws -> Void)?>(nil)

        func answer(status: HTTPResponse.Status = .ok) async throws -> (HTTPResponse, HTTPBody?) {
            let call = calls.withLock { count in
                count += 1
                return count
            }
            if let during = during.withLock({ $0 }) { try await during() }
            var head = HTTPResponse(status: status)
            head.headerFields[.contentType] = "application/json"
            return (head, HTTPBody("answer \(call)"))
        }
    }

    struct Reader {
        let middleware: ReadCacheMiddleware
        let handler = Handler()

        func read(
            _ path: String, operation: String, method: HTTPRequest.Method = .get, accept: String? = nil,
            status: HTTPResponse.Status = .ok
        ) async throws -> String {
            var request = HTTPRequest(method: method, scheme: nil, authority: nil, path: path)
            if let accept { request.headerFields[.accept] = accept }
            let handler = handler
            let (response, body) = try await middleware.intercept(
                request, body: nil, metadata: ServerRequestMetadata(), operationID: operation
            ) { _, _, _ in try await handler.answer(status: status) }
            #expect(response.status == status)
            #expect(response.headerFields[.contentType] == "application/json")
            return try await String(collecting: try #require(body), upTo: 1024)
        }
    }

    func reader() throws -> (Reader, AppDatabase) {
        let database = try AppDatabase.inMemory()
        let apply = ApplyService(database: database, appliers: [])
        let middleware = ReadCacheMiddleware(cache: ReadResponseCache(), database: database, apply: apply)
        return (Reader(middleware: middleware), database)
    }

    @Test("a repeated read is answered once; another query, another Accept or a commit to the fleet asks again")
    func fleetReads() async throws {
        let (reader, database) = try reader()
        #expect(try await reader.read("/v1/units", operation: "listUnits") == "answer 1")
        #expect(try await reader.read("/v1/units", operation: "listUnits") == "answer 1")
        #expect(try await reader.read("/v1/units?limit=5", operation: "listUnits") == "answer 2")
        #expect(try await reader.read("/v1/units", operation: "listUnits", accept: "application/yaml") == "answer 3")
        #expect(try await reader.read("/v1/units", operation: "listUnits") == "answer 1")

        try await database.put(DemoFleet.fleet.instanceTypes[0], context: context)
        #expect(try await reader.read("/v1/units", operation: "listUnits") == "answer 4")
        #expect(try await reader.read("/v1/units", operation: "listUnits") == "answer 4")
    }

    @Test("a plan is asked again when the routing in force changes; a fleet read is not")
    func planReads() async throws {
        let (reader, database) = try reader()
        #expect(try await reader.read("/v1/models/sd21/plan", operation: "planModel") == "answer 1")
        #expect(try await reader.read("/v1/units", operation: "listUnits") == "answer 2")
        #expect(try await reader.read("/v1/models/sd21/plan", operation: "planModel") == "answer 1")

        try await database.setFailoverPin(model: "sd21", pin: .capacity, context: context)
        #expect(try await reader.read("/v1/models/sd21/plan", operation: "planModel") == "answer 3")
        #expect(try await reader.read("/v1/units", operation: "listUnits") == "answer 2")
    }

    @Test("an answer made while a commit landed is not served after it")
    func changeDuringRead() async throws {
        let (reader, database) = try reader()
        let instanceType = DemoFleet.fleet.instanceTypes[0]
        let context = context
        reader.handler.during.withLock { $0 = { _ = try await database.put(instanceType, context: context) } }
        #expect(try await reader.read("/v1/instance-types", operation: "listInstanceTypes") == "answer 1")
        reader.handler.during.withLock { $0 = nil }
        #expect(try await reader.read("/v1/instance-types", operation: "listInstanceTypes") == "answer 2")
        #expect(try await reader.read("/v1/instance-types", operation: "listInstanceTypes") == "answer 2")
    }

    @Test("writes, failures and operations that depend on more than the fleet pass through every time")
    func passThrough() async throws {
        let (reader, _) = try reader()
        #expect(try await reader.read("/v1/units/x", operation: "getUnit", status: .notFound) == "answer 1")
        #expect(try await reader.read("/v1/units/x", operation: "getUnit", status: .notFound) == "answer 2")
        #expect(try await reader.read("/v1/manifests", operation: "getManifests") == "answer 3")
        #expect(try await reader.read("/v1/manifests", operation: "getManifests") == "answer 4")
        #expect(try await reader.read("/v1/units/x", operation: "getUnit", method: .put) == "answer 5")
        #expect(try await reader.read("/v1/units/x", operation: "getUnit", method: .put) == "answer 6")
    }

    @Test("the cache keeps what fits: answers of older versions go first, oversized ones are not kept")
    func bounds() {
        let cache = ReadResponseCache(maxEntryBytes: 100, maxTotalBytes: 250)
        func answer(_ fleet: Int, bytes: Int) -> ReadResponseCache.Answer {
            .init(version: ReadVersion(fleet: fleet), head: HTTPResponse(status: .ok), body: ArraySlice(repeating: 1, count: bytes))
        }
        func key(_ name: String) -> ReadResponseCache.Key { .init(target: name, accept: nil) }
        cache.keep(answer(1, bytes: 200), for: key("/big"))
        #expect(cache.count == 0)
        cache.keep(answer(1, bytes: 90), for: key("/a"))
        cache.keep(answer(1, bytes: 90), for: key("/b"))
        #expect(cache.count == 2)
        #expect(cache.answer(for: key("/a"), at: ReadVersion(fleet: 2)) == nil)
        // A third answer would pass the total: the answers of version 1 go.
        cache.keep(answer(2, bytes: 90), for: key("/c"))
        #expect(cache.count == 1)
        #expect(cache.answer(for: key("/c"), at: ReadVersion(fleet: 2))?.body.count == 90)
        cache.keep(answer(2, bytes: 90), for: key("/a"))
        // Replacing an answer counts its bytes once.
        cache.keep(answer(2, bytes: 90), for: key("/a"))
        #expect(cache.count == 2)
        cache.keep(answer(2, bytes: 90), for: key("/d"))
        #expect(cache.count == 1)
        #expect(cache.answer(for: key("/d"), at: ReadVersion(fleet: 2)) != nil)
    }
}

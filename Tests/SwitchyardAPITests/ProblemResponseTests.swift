import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Errors as application/problem+json")
struct ProblemResponseTests {
    @Test("400: malformed JSON names the field by its coding path")
    func malformedJSON() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            let wrongType = try await client.send(
                .put, "/v1/models/sd21", token: token, body: #"{"name":"sd21","slo":{"latencyThresholdMs":"fast"}}"#,
                contentType: "application/json")
            #expect(wrongType.status == .badRequest)
            let problem = try wrongType.problem()
            #expect(problem.code == "malformed-body")
            #expect(problem.field == "slo.latencyThresholdMs")

            let missing = try await client.send(
                .put, "/v1/models/sd21", token: token, body: #"{"name":"sd21"}"#, contentType: "application/json")
            #expect(missing.status == .badRequest)
            #expect(try missing.problem().field == "slo")

            let syntax = try await client.send(
                .put, "/v1/models/sd21", token: token, body: #"{"name": "#, contentType: "application/json")
            #expect(syntax.status == .badRequest)
            #expect(try syntax.problem().code == "malformed-body")
        }
    }

    @Test("400: malformed YAML names the field too")
    func malformedYAML() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let response = try await client.send(
                .put, "/v1/pools/neuron", token: harness.operatorToken,
                body: "name: neuron\nlimits:\n  nodes: many\n", contentType: "application/yaml")
            #expect(response.status == .badRequest)
            let problem = try response.problem()
            #expect(problem.code == "malformed-body")
            #expect(problem.field == "limits.nodes")

            let broken = try await client.send(
                .put, "/v1/pools/neuron", token: harness.operatorToken, body: "name: [unclosed\n",
                contentType: "application/yaml")
            #expect(broken.status == .badRequest)
            #expect(try broken.problem().code == "malformed-body")
        }
    }

    @Test("401 and 403 are problems with their codes")
    func authProblems() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let unauthorized = try await client.send(.put, "/v1/models/sd21", json: SeedFleet.model)
            #expect(unauthorized.status == .unauthorized)
            #expect(try unauthorized.problem().code == "unauthorized")
            let forbidden = try await client.send(.put, "/v1/models/sd21", token: harness.viewer, json: SeedFleet.model)
            #expect(forbidden.status == .forbidden)
            let problem = try forbidden.problem()
            #expect(problem.code == "forbidden")
            #expect(problem.detail?.contains("operator") == true)
        }
    }

    @Test("404 for an unknown resource and an unknown route; 405 with Allow for a known path's missing method")
    func notFoundAndMethodNotAllowed() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let resource = try await client.send(.get, "/v1/pools/nowhere", token: harness.viewer)
            #expect(resource.status == .notFound)
            #expect(try resource.problem().code == "not-found")

            let route = try await client.send(.get, "/v1/nothing-here", token: harness.viewer)
            #expect(route.status == .notFound)
            #expect(try route.problem().code == "route-not-found")

            let method = try await client.send(.delete, "/v1/models", token: harness.admin)
            #expect(method.status == .methodNotAllowed)
            #expect(try method.problem().code == "method-not-allowed")
            #expect(method.headers[.allow] == "GET")

            let onItem = try await client.send(.post, "/v1/models/sd21", token: harness.admin)
            #expect(onItem.status == .methodNotAllowed)
            #expect(onItem.headers[.allow] == "DELETE, GET, PUT")
        }
    }

    @Test("409 and 412 are problems with their codes")
    func conflictAndPrecondition() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            try await FleetResourceTests.putSupport(client, token: token)
            _ = try await client.send(.put, "/v1/units/sd21-inf2", token: token, json: SeedFleet.units[0])
            let conflict = try await client.send(.delete, "/v1/pools/neuron", token: token)
            #expect(conflict.status == .conflict)
            #expect(try conflict.problem().code == "referenced")

            let precondition = try await client.send(
                .put, "/v1/pools/neuron", token: token, json: SeedFleet.pools[0], headers: ["If-Match": #""stale""#])
            #expect(precondition.status == .preconditionFailed)
            #expect(try precondition.problem().code == "precondition-failed")
        }
    }

    @Test("413: a body over the limit is refused, by Content-Length, before it is read")
    func contentTooLarge() async throws {
        let harness = try await APIHarness.make(maxBodyBytes: 512)
        try await harness.run { client in
            var model = SeedFleet.model
            model.name = String(repeating: "a", count: 600)
            let response = try await client.send(.put, "/v1/models/sd21", token: harness.operatorToken, json: model)
            #expect(response.status == .contentTooLarge)
            let problem = try response.problem()
            #expect(problem.code == "content-too-large")
            #expect(problem.detail?.contains("--max-body-bytes (SWITCHYARD_MAX_BODY_BYTES)") == true)
            let stored = try await client.send(.get, "/v1/models", token: harness.viewer)
            #expect(try stored.decode(Components.Schemas.ServedModelList.self).items.isEmpty)
        }
    }

    @Test("413: a streamed body is cut off once it passes the limit")
    func streamedBodyLimit() async throws {
        let chunks = (0..<5).map { _ in ByteBuffer(repeating: UInt8(ascii: "x"), count: 100) }
        let body = SizeLimitedBody(base: ChunkSequence(chunks: chunks), maxBytes: 250)
        var received = 0
        await #expect(throws: APIError.contentTooLarge(limit: 250)) {
            for try await chunk in body { received += chunk.readableBytes }
        }
        #expect(received == 200)
        let within = SizeLimitedBody(base: ChunkSequence(chunks: chunks), maxBytes: 500)
        var total = 0
        for try await chunk in within { total += chunk.readableBytes }
        #expect(total == 500)
    }

    @Test("415: a body in another media type")
    func unsupportedMediaType() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let response = try await client.send(
                .put, "/v1/models/sd21", token: harness.operatorToken, body: "name=sd21", contentType: "text/plain")
            #expect(response.status == .unsupportedMediaType)
            #expect(try response.problem().code == "unsupported-media-type")
        }
    }

    @Test("422: broken domain rules list every violation; a name differing from the path names `name`")
    func unprocessable() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            try await FleetResourceTests.putSupport(client, token: token)
            var unit = SeedFleet.units[0]
            unit.minReplicas = 5
            unit.maxReplicas = 2
            unit.pool = "nowhere"
            let invalid = try await client.send(.put, "/v1/units/\(unit.name)", token: token, json: unit)
            #expect(invalid.status == .unprocessableContent)
            let problem = try invalid.problem()
            #expect(problem.code == "validation-failed")
            let fields = Set(problem.violations?.map(\.field) ?? [])
            #expect(fields.contains("pool") || fields.contains("minReplicas") || fields.contains("maxReplicas"))
            #expect(problem.field == problem.violations?.first?.field)

            let mismatch = try await client.send(.put, "/v1/models/other", token: token, json: SeedFleet.model)
            #expect(mismatch.status == .unprocessableContent)
            let mismatchProblem = try mismatch.problem()
            #expect(mismatchProblem.code == "name-mismatch")
            #expect(mismatchProblem.field == "name")
            #expect(try await client.send(.get, "/v1/models/other", token: token).status == .notFound)
        }
    }

    @Test("422: out-of-range query values name the parameter")
    func invalidParameters() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.viewer
            let cases: [(String, String)] = [
                ("/v1/models/sd21/plan?strategy=foo", "strategy"),
                ("/v1/models/sd21/plan?demand=-5", "demand"),
                ("/v1/models/sd21/plan?headroom=50", "headroom"),
                ("/v1/models?limit=0", "limit"),
                ("/v1/models?cursor=%25%25%25", "cursor"),
                ("/v1/audit?since=2025-01-02T00:00:00Z&until=2025-01-01T00:00:00Z", "until"),
            ]
            for (path, field) in cases {
                let response = try await client.send(.get, path, token: token)
                #expect(response.status == .unprocessableContent, "\(path)")
                #expect(try response.problem().field == field, "\(path)")
            }
            let unparsable = try await client.send(.get, "/v1/models?limit=many", token: token)
            #expect(unparsable.status == .badRequest)
            #expect(try unparsable.problem().code == "bad-request")
        }
    }

    @Test("hostile inputs never produce a 500")
    func noServerErrors() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.admin
            let bodies: [(HTTPRequest.Method, String, String?, String?)] = [
                (.put, "/v1/models/sd21", "", "application/json"),
                (.put, "/v1/models/sd21", "null", "application/json"),
                (.put, "/v1/models/sd21", "[1,2,3]", "application/json"),
                (.put, "/v1/models/sd21", #"{"name":"sd21","slo":{"latencyThresholdMs":1e400}}"#, "application/json"),
                (.put, "/v1/models/sd21", "", "application/yaml"),
                (.put, "/v1/models/sd21", "- a\n- b\n", "application/yaml"),
                (.put, "/v1/models/sd21", "\u{0}\u{1}", "application/yaml"),
                (.put, "/v1/units/x", #"{"name":"x"}"#, nil),
                (.post, "/v1/import", #"{"models":[{"name":"UPPER CASE","slo":{"latencyThresholdMs":-1}}]}"#, "application/json"),
                (.post, "/v1/import", "models: 3", "application/yaml"),
                (.post, "/v1/what-if", #"{"model":"sd21"}"#, "application/json"),
                (.post, "/v1/what-if", #"{"model":"sd21","demandRPS":-1}"#, "application/json"),
                (.post, "/v1/tokens", #"{"name":"","role":"god"}"#, "application/json"),
                (.post, "/v1/tokens", #"{"name":"Not Valid!","role":"viewer"}"#, "application/json"),
                (.delete, "/v1/units/x/benchmarks/notanumber", nil, nil),
                (.get, "/v1/units/%00/rating", nil, nil),
                (.get, "/v1/models/sd21/plan?demand=nan", nil, nil),
                (.get, "/v1/audit?since=yesterday", nil, nil),
                (.put, "/v1/models/sd21", "{}", "application/json; charset=utf-16"),
            ]
            for (method, path, body, contentType) in bodies {
                let response = try await client.send(method, path, token: token, body: body, contentType: contentType)
                #expect(response.status.code < 500, "\(method) \(path) \(body ?? "")")
                #expect(response.status.code >= 400, "\(method) \(path) \(body ?? "")")
                #expect(response.headers[.contentType] == "application/problem+json", "\(method) \(path)")
            }
        }
    }

    @Test("a problem document decodes as the OpenAPI document's Problem schema")
    func matchesSchema() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let response = try await client.send(.get, "/v1/models/nothing", token: harness.viewer)
            let problem = try response.decode(Components.Schemas.Problem.self)
            #expect(problem.code == .notFound)
            #expect(problem.status == 404)
            #expect(problem.instance == "/v1/models/nothing")
            #expect(problem._type == ProblemCode.notFound.typeURI)
        }
    }
}

/// A request body arriving in chunks.
struct ChunkSequence: AsyncSequence, Sendable {
    typealias Element = ByteBuffer
    let chunks: [ByteBuffer]

    struct AsyncIterator: AsyncIteratorProtocol {
        var remaining: [ByteBuffer]
        mutating func next() async throws -> ByteBuffer? {
            remaining.isEmpty ? nil : remaining.removeFirst()
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(remaining: chunks) }
}

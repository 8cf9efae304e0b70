import HTTPTypes
import HummingbirdTesting
import SwitchyardCore
import Testing

@testable import SwitchyardAPI

@Suite("What is checked first: the route, then the caller, then the body")
struct AccessOrderTests {
    @Test("an unknown path is 404 and a known path's missing method 405, without a token; an empty segment is no path")
    func routeBeforeCaller() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let unknown = try await client.send(.get, "/v1/nothing-here")
            #expect(unknown.status == .notFound)
            #expect(try unknown.problem().code == "route-not-found")
            let method = try await client.send(.delete, "/v1/models")
            #expect(method.status == .methodNotAllowed)
            #expect(method.headers[.allow] == "GET")
            for path in ["/v1/models/", "/v1/models//sd21", "/healthz/"] {
                let response = try await client.send(.get, path, token: harness.viewer)
                #expect(response.status == .notFound, "\(path)")
                #expect(try response.problem().code == "route-not-found", "\(path)")
            }
        }
    }

    @Test("a caller without access is refused before its body is read")
    func callerBeforeBody() async throws {
        let harness = try await APIHarness.make()
        let body = #"{"name":"sd21","slo":null}"#
        try await harness.run { client in
            let anonymous = try await client.send(.put, "/v1/models/sd21", body: body, contentType: "application/json")
            #expect(anonymous.status == .unauthorized)
            let viewer = try await client.send(
                .put, "/v1/models/sd21", token: harness.viewer, body: body, contentType: "application/json")
            #expect(viewer.status == .forbidden)
            let allowed = try await client.send(
                .put, "/v1/models/sd21", token: harness.operatorToken, body: body, contentType: "application/json")
            #expect(allowed.status == .badRequest)
            #expect(try allowed.problem().field == "slo")
        }
    }
}

import HTTPTypes
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Authentication and roles")
struct AuthenticationTests {
    @Test("open routes answer without a token")
    func openRoutes() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            for path in ["/healthz", "/readyz", "/metrics", "/openapi.yaml"] {
                let response = try await client.send(.get, path)
                #expect(response.status == .ok, "\(path)")
            }
        }
    }

    @Test("no token, a bad token, a revoked token and a non-Bearer scheme all answer 401 with a challenge")
    func unauthenticated() async throws {
        let harness = try await APIHarness.make()
        let revoked = try await harness.database.createToken(
            name: "soon-revoked", role: .admin, context: ChangeContext(actor: "test", requestID: "r"))
        try await harness.database.revokeToken(named: "soon-revoked", context: ChangeContext(actor: "test", requestID: "r"))
        try await harness.run { client in
            let attempts: [(String, [String: String])] = [
                ("none", [:]),
                ("unknown", ["Authorization": "Bearer sy_not-a-real-token"]),
                ("revoked", ["Authorization": "Bearer \(revoked.secret)"]),
                ("basic", ["Authorization": "Basic dXNlcjpwYXNz"]),
                ("empty", ["Authorization": "Bearer "]),
            ]
            for (label, headers) in attempts {
                let response = try await client.send(.get, "/v1/models", headers: headers)
                #expect(response.status == .unauthorized, "\(label)")
                #expect(response.headers[.wwwAuthenticate]?.hasPrefix("Bearer") == true, "\(label)")
                let problem = try response.problem()
                #expect(problem.code == "unauthorized", "\(label)")
                #expect(problem.field == "Authorization", "\(label)")
                #expect(!response.text.contains(revoked.secret), "\(label): a secret must never be echoed")
            }
        }
    }

    @Test("each role reaches exactly the routes at or below it")
    func roleMatrix() async throws {
        let harness = try await APIHarness.make()
        let model = SeedFleet.model
        try await harness.run { client in
            let tokens: [(Role, String)] = [
                (.viewer, harness.viewer), (.operator, harness.operatorToken), (.admin, harness.admin),
            ]
            for (role, token) in tokens {
                let read = try await client.send(.get, "/v1/models", token: token)
                #expect(read.status == .ok, "\(role) read")

                let write = try await client.send(.put, "/v1/models/sd21", token: token, json: model)
                if role >= .operator {
                    #expect([.ok, .created].contains(write.status), "\(role) write")
                } else {
                    #expect(write.status == .forbidden, "\(role) write")
                    #expect(try write.problem().code == "forbidden")
                }

                let tokensList = try await client.send(.get, "/v1/tokens", token: token)
                #expect(tokensList.status == (role == .admin ? .ok : .forbidden), "\(role) tokens")

                let audit = try await client.send(.get, "/v1/audit", token: token)
                #expect(audit.status == .ok, "\(role) audit")
            }
        }
    }

    @Test("admins create, list and revoke tokens; the secret is shown once and works at once")
    func tokenLifecycle() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let created = try await client.send(
                .post, "/v1/tokens", token: harness.admin, json: ["name": "portal", "role": "operator"])
            #expect(created.status == .created)
            let body = try created.decode(Components.Schemas.CreatedToken.self)
            #expect(body.info.name == "portal")
            #expect(body.info.role.rawValue == "operator")
            #expect(body.info.createdBy == APIHarness.adminName)

            let listed = try await client.send(.get, "/v1/tokens", token: harness.admin)
            #expect(listed.status == .ok)
            #expect(!listed.text.contains(body.secret))
            let names = try listed.decode(Components.Schemas.TokenList.self).items.map(\.name)
            #expect(names.contains("portal"))

            let withNew = try await client.send(.put, "/v1/models/sd21", token: body.secret, json: SeedFleet.model)
            #expect(withNew.status == .created)

            let duplicate = try await client.send(
                .post, "/v1/tokens", token: harness.admin, json: ["name": "portal", "role": "viewer"])
            #expect(duplicate.status == .conflict)

            let revoked = try await client.send(.delete, "/v1/tokens/portal", token: harness.admin)
            #expect(revoked.status == .noContent)
            let afterRevoke = try await client.send(.get, "/v1/models", token: body.secret)
            #expect(afterRevoke.status == .unauthorized)
        }
    }

    @Test("the request id is echoed when given and generated when not")
    func requestID() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let given = try await client.send(.get, "/healthz", headers: ["X-Request-Id": "trace-123"])
            #expect(given.headers[HTTPField.Name("X-Request-Id")!] == "trace-123")
            let generated = try await client.send(.get, "/healthz")
            let id = try #require(generated.headers[HTTPField.Name("X-Request-Id")!])
            #expect(id.count == 36)
            let refused = try await client.send(.get, "/v1/models", headers: ["X-Request-Id": "trace-456"])
            #expect(refused.headers[HTTPField.Name("X-Request-Id")!] == "trace-456")
            #expect(try refused.problem().requestID == "trace-456")
        }
    }
}

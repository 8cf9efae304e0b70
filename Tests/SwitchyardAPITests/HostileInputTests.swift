import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import HTTPTypes
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

/// The requests that once crashed, poisoned or starved the service, through the real HTTP stack.
@Suite("Hostile inputs")
struct HostileInputTests {
    private func seeded(replays: ReplaySettings = ReplaySettings()) async throws -> APIHarness {
        let harness = try await APIHarness.make(replays: replays)
        _ = try await harness.database.importFleet(
            SeedFleet.fleet, dryRun: false, context: ChangeContext(actor: "test-setup", requestID: "seed"))
        return harness
    }

    @Test("numbers beyond their documented bounds answer 422 naming the field, and nothing is stored")
    func outOfRangeNumbers() async throws {
        let harness = try await seeded()
        try await harness.run { client in
            var unit = try #require(SeedFleet.units.first)
            unit.name = "sd21-huge"
            unit.kubernetes = KubernetesNames(deployment: "sd21-huge", service: "sd21-huge")
            unit.manualBreakingPointRPS = 1e308
            let put = try await client.send(.put, "/v1/units/sd21-huge", token: harness.operatorToken, json: unit)
            #expect(put.status == .unprocessableContent)
            #expect(try put.problem().field == "manualBreakingPointRPS")
            #expect(try await client.send(.get, "/v1/units/sd21-huge", token: harness.viewer).status == .notFound)

            var model = SeedFleet.model
            model.expectedDemandRPS = 1.7e308
            let putModel = try await client.send(.put, "/v1/models/sd21", token: harness.operatorToken, json: model)
            #expect(putModel.status == .unprocessableContent)
            #expect(try putModel.problem().field == "expectedDemandRPS")

            for query in ["demand=1.4e308", "demand=10000001", "headroom=1e308"] {
                let plan = try await client.send(.get, "/v1/models/sd21/plan?strategy=optimal&\(query)", token: harness.viewer)
                #expect(plan.status == .unprocessableContent, "\(query)")
                #expect(try plan.problem().field == String(query.prefix { $0 != "=" }), "\(query)")
            }
            let whatIf = try await client.send(
                .post, "/v1/what-if", token: harness.viewer, json: ["model": "sd21", "demandRPS": 1.4e308] as [String: AnyEncodable])
            #expect(whatIf.status == .unprocessableContent)
            #expect(try whatIf.problem().field == "demandRPS")
            let atTheBound = try await client.send(
                .get, "/v1/models/sd21/plan?strategy=optimal&demand=10000000&headroom=10", token: harness.viewer)
            #expect(atTheBound.status == .ok)
        }
    }

    @Test("a taint key Kubernetes refuses answers 422 naming it, and manifests, diff and apply keep working")
    func kubernetesStrings() async throws {
        let harness = try await seeded()
        try await harness.run { client in
            var pool = try #require(SeedFleet.pools.first)
            pool.taints = [Taint(key: "nvidia.com/gpu\u{9B}", value: "true", effect: .noSchedule)]
            let put = try await client.send(.put, "/v1/pools/\(pool.name)", token: harness.operatorToken, json: pool)
            #expect(put.status == .unprocessableContent)
            #expect(try put.problem().field == "taints[0].key")
            #expect(try await client.send(.post, "/v1/apply", token: harness.operatorToken).status == .ok)
            for path in ["/v1/manifests", "/v1/diff", "/v1/models/sd21/manifests"] {
                #expect(try await client.send(.get, path, token: harness.viewer).status == .ok, "\(path)")
            }
        }
    }

    @Test("the last active admin token cannot be revoked: 409, and it still works")
    func lastAdmin() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let revoke = try await client.send(.delete, "/v1/tokens/\(APIHarness.adminName)", token: harness.admin)
            #expect(revoke.status == .conflict)
            #expect(try revoke.problem().detail?.contains("last active admin token") == true)
            #expect(try await client.send(.get, "/v1/tokens", token: harness.admin).status == .ok)
        }
    }

    @Test("a replay longer than the step limit answers 422 naming duration, at once")
    func replayTooLong() async throws {
        let harness = try await seeded()
        try await harness.run { client in
            let started = ContinuousClock.now
            let response = try await client.send(
                .post, "/v1/replays", token: harness.viewer,
                json: ReplayRequest(model: "sd21", patterns: ["constant:100"], duration: "1000000d"))
            #expect(response.status == .unprocessableContent)
            #expect(try response.problem().field == "duration")
            // Generating the trace first took 40 s and 1.6 GB; refusing takes no work at all.
            #expect(ContinuousClock.now - started < .seconds(10))
        }
    }

    @Test("replays beyond the concurrency cap answer 429 with Retry-After; a running one is stopped at its time limit")
    func replayBounds() async throws {
        let harness = try await seeded(replays: ReplaySettings(maxConcurrent: 1, timeLimit: .seconds(4), retryAfterSeconds: 7))
        try await harness.run { client in
            let long = ReplayRequest(model: "sd21", patterns: ["diurnal:80-1000@8h-22h"], duration: "11d")
            let short = ReplayRequest(model: "sd21", patterns: ["constant:300"], duration: "10m")
            // The test client sends one request at a time over one connection; the long replay gets its own.
            let port = try #require(client.base.port)
            var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)/v1/replays")))
            request.httpMethod = "POST"
            request.httpBody = try JSONEncoder().encode(long)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.setValue("Bearer \(harness.viewer)", forHTTPHeaderField: "Authorization")
            request.timeoutInterval = 60
            let sent = request
            // URLSession's first request on Linux takes a while to start: warm it up so the long replay goes first.
            _ = try await URLSession.shared.data(from: try #require(URL(string: "http://127.0.0.1:\(port)/healthz")))
            async let first = URLSession.shared.data(for: sent)
            try await Task.sleep(for: .milliseconds(500))

            // Until the long replay holds the only slot, a short one still runs (and answers 200).
            var refused: TestResponse?
            for _ in 0..<20 where refused == nil {
                let response = try await client.send(.post, "/v1/replays", token: harness.viewer, json: short)
                if response.status == .tooManyRequests { refused = response } else { try await Task.sleep(for: .milliseconds(100)) }
            }
            let second = try #require(refused)
            #expect(second.headers[HTTPField.Name("Retry-After")!] == "7")
            #expect(try second.problem().code == "too-many-requests")

            let (body, response) = try await first
            #expect((response as? HTTPURLResponse)?.statusCode == 503)
            let problem = try JSONDecoder().decode(ProblemDetails.self, from: body)
            #expect(problem.code == "unavailable")

            let after = try await client.send(.post, "/v1/replays", token: harness.viewer, json: short)
            #expect(after.status == .ok)
        }
    }

    @Test("unknown fields are refused with 422 naming them, in JSON and in YAML")
    func unknownFields() async throws {
        let harness = try await seeded()
        try await harness.run { client in
            let json = #"{"name":"sd21","slo":{"latencyThresholdMs":900},"routing":{"failovrStrategy":"optimal"}}"#
            let put = try await client.send(
                .put, "/v1/models/sd21", token: harness.operatorToken, body: json, contentType: "application/json")
            #expect(put.status == .unprocessableContent)
            #expect(try put.problem().field == "routing.failovrStrategy")

            let yaml = "name: sd21\nslo: {latencyThresholdMs: 900}\nrouting: {failovrStrategy: optimal}\n"
            let putYAML = try await client.send(
                .put, "/v1/models/sd21", token: harness.operatorToken, body: yaml, contentType: "application/yaml")
            #expect(putYAML.status == .unprocessableContent)
            #expect(try putYAML.problem().field == "routing.failovrStrategy")

            let stored = try await harness.database.get(ServedModel.self, named: "sd21").value
            #expect(stored == SeedFleet.model)
        }
    }

    @Test("YAML scalars take the schema's types: null, numbers and booleans are not coerced into strings")
    func yamlScalars() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            for body in ["name: null\nrole: viewer\n", "name: 123\nrole: viewer\n", "name: true\nrole: viewer\n", "name: ~\nrole: viewer\n"] {
                let response = try await client.send(
                    .post, "/v1/tokens", token: harness.admin, body: body, contentType: "application/yaml")
                #expect(response.status == .badRequest, "\(body)")
                #expect(try response.problem().field == "name", "\(body)")
            }
            let quoted = try await client.send(
                .post, "/v1/tokens", token: harness.admin, body: "name: 'no'\nrole: viewer\n", contentType: "application/yaml")
            #expect(quoted.status == .created)
            let plain = try await client.send(
                .post, "/v1/tokens", token: harness.admin, body: "name: yes\nrole: viewer\n", contentType: "application/yaml")
            #expect(plain.status == .created, "YAML 1.2: yes is a string")
            let names = try await harness.database.listTokens().map(\.name)
            #expect(!names.contains("null") && !names.contains("123") && !names.contains("true"))
            #expect(names.contains("no") && names.contains("yes"))
        }
    }

    @Test(
        "a number no Swift type holds answers 422 naming its field, not \"not valid JSON\"",
        arguments: [
            (#"{"name":"neuron","weight":99999999999999999999999}"#, "weight"),
            (#"{"name":"neuron","limits":{"nodes":-99999999999999999999}}"#, "limits.nodes"),
            (#"{"name":"neuron","taints":[{"key":"a","effect":"NoSchedule"}],"limits":{"memoryGiB":1e400}}"#, "limits.memoryGiB"),
        ])
    func hugeNumbers(body: String, field: String) async throws {
        let harness = try await seeded()
        try await harness.run { client in
            let response = try await client.send(
                .put, "/v1/pools/neuron", token: harness.operatorToken, body: body, contentType: "application/json")
            #expect(response.status == .unprocessableContent)
            #expect(try response.problem().field == field)
            let broken = try await client.send(
                .put, "/v1/pools/neuron", token: harness.operatorToken, body: #"{"name":"neuron","weight":"#,
                contentType: "application/json")
            #expect(broken.status == .badRequest)
            #expect(try broken.problem().code == "malformed-body")
        }
    }

    @Test("the bearer scheme matches in any case")
    func bearerScheme() async throws {
        let harness = try await seeded()
        try await harness.run { client in
            for scheme in ["bearer", "BEARER", "BeArEr"] {
                let response = try await client.send(
                    .get, "/v1/models", headers: ["Authorization": "\(scheme) \(harness.viewer)"])
                #expect(response.status == .ok, "\(scheme)")
            }
        }
    }
}

/// A JSON value of any encodable type, for bodies mixing strings and numbers.
struct AnyEncodable: Encodable, Sendable, ExpressibleByStringLiteral, ExpressibleByFloatLiteral {
    private let encodeValue: @Sendable (any Encoder) throws -> Void

    init(stringLiteral value: String) { encodeValue = { try value.encode(to: $0) } }
    init(floatLiteral value: Double) { encodeValue = { try value.encode(to: $0) } }

    func encode(to encoder: any Encoder) throws { try encodeValue(encoder) }
}

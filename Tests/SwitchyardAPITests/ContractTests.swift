import Foundation
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Contract edges: nulls, RFC 3339 dates, empty manifest streams")
struct ContractTests {
    @Test("a null inside a JSON or YAML body is refused naming its field, and nothing is stored")
    func nulls() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let json = #"{"name": "m1", "slo": {"latencyThresholdMs": 900}, "routing": {"standby": null}}"#
            let refused = try await client.send(
                .put, "/v1/models/m1", token: harness.operatorToken, body: json, contentType: "application/json")
            #expect(refused.status == .badRequest)
            let problem = try refused.problem()
            #expect(problem.code == "malformed-body")
            #expect(problem.field == "routing.standby")

            let yaml = "name: m1\nslo: {latencyThresholdMs: 900}\nexpectedDemandRPS: ~\n"
            let refusedYAML = try await client.send(
                .put, "/v1/models/m1", token: harness.operatorToken, body: yaml, contentType: "application/yaml")
            #expect(refusedYAML.status == .badRequest)
            #expect(try refusedYAML.problem().field == "expectedDemandRPS")

            let fleet = "benchmarks: null\ninstanceTypes: []\nmodels: []\npools: []\nunits: []\n"
            let refusedImport = try await client.send(
                .post, "/v1/import?dryRun=true", token: harness.admin, body: fleet, contentType: "application/yaml")
            #expect(refusedImport.status == .badRequest)
            #expect(try refusedImport.problem().field == "benchmarks")

            let missing = try await client.send(.get, "/v1/models/m1", token: harness.viewer)
            #expect(missing.status == .notFound)
            // Leaving the field out is how a default is asked for.
            let stored = try await client.send(
                .put, "/v1/models/m1", token: harness.operatorToken,
                body: #"{"name": "m1", "slo": {"latencyThresholdMs": 900}}"#, contentType: "application/json")
            #expect(stored.status == .created)
        }
    }

    @Test("date-times are read with or without fractional seconds")
    func fractionalSeconds() async throws {
        try await DemandEndpointTests.withDemoFleet { client, harness in
            let whole = Date(timeIntervalSince1970: (Date().timeIntervalSince1970 - 120).rounded(.down))
            let text = whole.formatted(.iso8601).replacingOccurrences(of: "Z", with: ".5Z")
            let report = try await client.send(
                .post, "/v1/models/sd21/demand", token: harness.operatorToken, body: #"{"rps": 42, "observedAt": "\#(text)"}"#,
                contentType: "application/json")
            #expect(report.status == .accepted)
            let since = whole.addingTimeInterval(-60).formatted(.iso8601).replacingOccurrences(of: "Z", with: ".25Z")
            let read = try await client.send(.get, "/v1/models/sd21/demand?since=\(since)", token: harness.viewer)
            #expect(read.status == .ok)
            #expect(try read.decode(DemandEndpointTests.ModelDemand.self).samples.map(\.rps) == [42])
            let audit = try await client.send(.get, "/v1/audit?since=2000-01-01T00:00:00.123Z", token: harness.viewer)
            #expect(audit.status == .ok)
        }
    }

    @Test("RFC 3339 date-times: fractions, offsets, any year; anything else is no date")
    func rfc3339() throws {
        let base = try #require(RFC3339Dates.parse("2026-11-30T07:00:00Z"))
        #expect(base == Date(timeIntervalSince1970: 1_796_022_000))
        #expect(RFC3339Dates.parse("2026-11-30t07:00:00.25z") == base.addingTimeInterval(0.25))
        #expect(RFC3339Dates.parse("2026-11-30T08:30:00+01:30") == base)
        #expect(RFC3339Dates.parse("2026-11-30T06:00:00.5-01:00") == base.addingTimeInterval(0.5))
        #expect(RFC3339Dates.parse("0048-06-16T08:51:25.8-20:49") != nil)
        for bad in ["2026-11-30", "2026-13-01T00:00:00Z", "2026-02-30T00:00:00Z", "2026-11-30T07:00:00", "2026-11-30T07:00:00.Z",
                    "2026-11-30T07:00:00+1:00", "2026-11-30T24:00:00Z", "2026-11-30 07:00:00Z"] {
            #expect(RFC3339Dates.parse(bad) == nil, "\(bad)")
        }
    }

    @Test("a request still running at its deadline is stopped and answers 503; the service goes on serving")
    func deadline() async throws {
        let harness = try await APIHarness.make(replays: ReplaySettings(timeLimit: .seconds(60)), requestDeadline: .seconds(2))
        _ = try await harness.database.importFleet(
            SeedFleet.fleet, dryRun: false, context: ChangeContext(actor: "test-setup", requestID: "seed"))
        try await harness.run { client in
            let started = ContinuousClock.now
            let long = ReplayRequest(model: "sd21", patterns: ["diurnal:80-1000@8h-22h"], duration: "11d")
            let stopped = try await client.send(.post, "/v1/replays", token: harness.viewer, json: long)
            #expect(stopped.status == .serviceUnavailable)
            let problem = try stopped.problem()
            #expect(problem.code == "unavailable")
            #expect(problem.detail?.contains("deadline") == true)
            #expect(ContinuousClock.now - started < .seconds(30))
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok)
            let model = try await client.send(.get, "/v1/models/sd21", token: harness.viewer)
            #expect(model.status == .ok)
        }
    }

    @Test("a header too large for the HTTP parser answers 400 as a problem, and the server goes on serving")
    func headerOverflow() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let huge = try await client.send(
                .get, "/v1/models", token: harness.viewer, headers: ["X-Padding": String(repeating: "a", count: 100_000)])
            #expect(huge.status == .badRequest)
            #expect(huge.headers[.contentType] == "application/problem+json")
            let problem = try huge.decode(ProblemDetails.self)
            #expect(problem.code == "bad-request")
            #expect(problem.detail?.contains("80 KiB") == true)
        }
        try await harness.run { client in
            let health = try await client.send(.get, "/healthz")
            #expect(health.status == .ok)
        }
    }

    @Test("a manifest stream with no object is a YAML comment, not an empty body")
    func emptyStream() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let response = try await client.send(.get, "/v1/manifests", token: harness.viewer)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("application/yaml") == true)
            #expect(String(buffer: response.body) == "# no objects to render\n")
        }
    }
}

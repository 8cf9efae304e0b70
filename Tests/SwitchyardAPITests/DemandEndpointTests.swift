import Foundation
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Demand reports and forecasts over HTTP")
struct DemandEndpointTests {
    /// What `GET /v1/models/{name}/demand` answers, read back into the domain's types.
    struct ModelDemand: Decodable {
        var model: String
        var retentionSeconds: Double
        var samples: [DemandSample]
        var forecast: DemandForecast
    }

    static func withDemoFleet(
        demandHorizonSeconds: Double = APISettings.defaultDemandHorizonSeconds,
        _ body: @Sendable @escaping (HTTPClient, APIHarness) async throws -> Void
    ) async throws {
        let harness = try await APIHarness.make(demandHorizonSeconds: demandHorizonSeconds)
        _ = try await harness.database.importFleet(
            DemoFleet.fleet, dryRun: false, context: ChangeContext(actor: "test", requestID: "demo"))
        try await harness.run { client in try await body(client, harness) }
    }

    /// A time `seconds` from now, as RFC 3339 in whole seconds.
    static func time(_ seconds: TimeInterval) -> String {
        Date(timeIntervalSince1970: (Date().timeIntervalSince1970 + seconds).rounded(.down)).formatted(.iso8601)
    }

    static func report(_ client: HTTPClient, _ token: String, model: String = "sd21", body: String) async throws -> TestResponse {
        try await client.send(.post, "/v1/models/\(model)/demand", token: token, body: body, contentType: "application/json")
    }

    @Test("an operator reports demand; a viewer reads the samples and the forecast with every figure explained")
    func reportAndRead() async throws {
        try await Self.withDemoFleet { client, harness in
            for (offset, rps) in [(-900.0, 100.0), (-600, 110), (-300, 120)] {
                let response = try await Self.report(
                    client, harness.operatorToken, body: #"{"rps": \#(rps), "observedAt": "\#(Self.time(offset))"}"#)
                #expect(response.status == .accepted)
            }
            let now = try await Self.report(client, harness.operatorToken, body: #"{"rps": 130}"#)
            #expect(now.status == .accepted)
            let stored = try now.decode(DemandSample.self)
            #expect(stored.model == "sd21")
            #expect(stored.source == "operator")
            #expect(stored.rps == 130)
            #expect(abs(stored.observedAt.timeIntervalSinceNow) < 60)

            let response = try await client.send(.get, "/v1/models/sd21/demand", token: harness.viewer)
            #expect(response.status == .ok)
            let demand = try response.decode(ModelDemand.self)
            #expect(demand.model == "sd21")
            #expect(demand.retentionSeconds == 8 * 86_400)
            #expect(demand.samples.map(\.rps) == [100, 110, 120, 130])
            #expect(demand.forecast.sampleCount == 4)
            #expect(demand.forecast.horizonSeconds == 720)
            #expect(demand.forecast.trendRPSPerSecond > 0)
            #expect(demand.forecast.seasonalChangeRPS == nil)
            #expect(demand.forecast.provisionRPS >= demand.forecast.expectedRPS)
            #expect(demand.forecast.provisionRPS >= demand.forecast.levelRPS)
            #expect(demand.forecast.explanation.count == 6)
            #expect(demand.forecast.explanation.last?.hasPrefix("provision for") == true)
            // Every field of the forecast is in the document, not only those the domain type reads back.
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            let forecast = try #require(object["forecast"] as? [String: Any])
            #expect(Set(forecast.keys) == [
                "at", "horizonSeconds", "sampleCount", "latestRPS", "levelRPS", "trendRPSPerSecond", "expectedRPS", "bandRPS",
                "provisionRPS", "explanation",
            ])

            let events = try await harness.database.auditEvents(AuditFilter(kind: .demand)).items
            #expect(events.count == 4)
            #expect(Set(events.map(\.actor)) == [APIHarness.operatorName])
        }
    }

    @Test("the forecast horizon is the server's setting")
    func horizonSetting() async throws {
        try await Self.withDemoFleet(demandHorizonSeconds: 60) { client, harness in
            let empty = try await client.send(.get, "/v1/models/sd21/demand", token: harness.viewer).decode(ModelDemand.self)
            #expect(empty.samples.isEmpty)
            #expect(empty.forecast.sampleCount == 0)
            #expect(empty.forecast.horizonSeconds == 60)
            #expect(empty.forecast.provisionRPS == 0)
            #expect(empty.forecast.explanation == ["no demand sample yet: nothing to forecast from"])
        }
    }

    @Test("since and limit choose the samples listed; the forecast still reads every sample")
    func sinceAndLimit() async throws {
        try await Self.withDemoFleet { client, harness in
            for index in 1...5 {
                let response = try await Self.report(
                    client, harness.operatorToken,
                    body: #"{"rps": \#(index * 10), "observedAt": "\#(Self.time(Double(-600 + index * 60)))"}"#)
                #expect(response.status == .accepted)
            }
            let newest = try await client.send(.get, "/v1/models/sd21/demand?limit=2", token: harness.viewer)
                .decode(ModelDemand.self)
            #expect(newest.samples.map(\.rps) == [40, 50])
            #expect(newest.forecast.sampleCount == 5)

            let since = Self.time(-600 + 2 * 60 + 30).replacingOccurrences(of: ":", with: "%3A")
            let recent = try await client.send(.get, "/v1/models/sd21/demand?since=\(since)", token: harness.viewer)
            #expect(recent.status == .ok)
            #expect(try recent.decode(ModelDemand.self).samples.map(\.rps) == [30, 40, 50])
        }
    }

    @Test("reading needs a viewer, reporting an operator")
    func roles() async throws {
        try await Self.withDemoFleet { client, harness in
            let anonymous = try await client.send(.get, "/v1/models/sd21/demand")
            #expect(anonymous.status == .unauthorized)
            let viewer = try await Self.report(client, harness.viewer, body: #"{"rps": 1}"#)
            #expect(viewer.status == .forbidden)
            #expect(try viewer.problem().code == "forbidden")
            let admin = try await Self.report(client, harness.admin, body: #"{"rps": 1}"#)
            #expect(admin.status == .accepted)
        }
    }

    @Test("an unknown model is 404 for reads and reports, and nothing is stored")
    func unknownModel() async throws {
        try await Self.withDemoFleet { client, harness in
            let read = try await client.send(.get, "/v1/models/nope/demand", token: harness.viewer)
            #expect(read.status == .notFound)
            #expect(try read.problem().code == "not-found")
            let report = try await Self.report(client, harness.operatorToken, model: "nope", body: #"{"rps": 1}"#)
            #expect(report.status == .notFound)
            #expect(try report.problem().code == "not-found")
            #expect(try await harness.database.auditEvents(AuditFilter(kind: .demand)).items.isEmpty)
        }
    }

    @Test("a value out of bounds is 422 naming the field; a body that does not parse is 400",
          arguments: [
              (#"{"rps": -1}"#, 422, "rps"),
              (#"{"rps": 10000000.5}"#, 422, "rps"),
              ("{\"rps\": 1, \"observedAt\": \"\(DemandEndpointTests.time(600))\"}", 422, "observedAt"),
              ("{\"rps\": 1, \"observedAt\": \"\(DemandEndpointTests.time(-9 * 86_400))\"}", 422, "observedAt"),
              (#"{"observedAt": "2026-01-01T00:00:00Z"}"#, 400, "rps"),
              (#"{"rps": "many"}"#, 400, "rps"),
          ])
    func badReports(body: String, status: Int, field: String) async throws {
        try await Self.withDemoFleet { client, harness in
            let response = try await Self.report(client, harness.operatorToken, body: body)
            #expect(Int(response.status.code) == status)
            let problem = try response.problem()
            #expect(problem.field == field)
            #expect(problem.code == (status == 422 ? "validation-failed" : "malformed-body"))
            let stored = try await harness.database.demandSamples(model: "sd21")
            #expect(stored.isEmpty)
        }
    }

    @Test("a limit outside 1...500 is 422 naming it; a since that is no time is 400 (bad-request)")
    func badQuery() async throws {
        try await Self.withDemoFleet { client, harness in
            let limit = try await client.send(.get, "/v1/models/sd21/demand?limit=0", token: harness.viewer)
            #expect(limit.status == .unprocessableContent)
            #expect(try limit.problem().field == "limit")
            let since = try await client.send(.get, "/v1/models/sd21/demand?since=yesterday", token: harness.viewer)
            #expect(since.status == .badRequest)
            #expect(try since.problem().code == "bad-request")
        }
    }
}

import HummingbirdTesting
import Testing

@testable import SwitchyardAPI

@Suite("Prometheus metrics")
struct MetricsTests {
    @Test("requests are counted by route template and status; latency, database size and the audit head are exposed")
    func exposition() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            _ = try await client.send(.put, "/v1/models/sd21", token: harness.operatorToken, json: SeedFleet.model)
            _ = try await client.send(.get, "/v1/models/sd21", token: harness.viewer)
            _ = try await client.send(.get, "/v1/models/unknown", token: harness.viewer)
            _ = try await client.send(.get, "/nowhere")
            let response = try await client.send(.get, "/metrics")
            #expect(response.status == .ok)
            #expect(response.headers[.contentType]?.hasPrefix("text/plain") == true)
            let text = response.text
            let lines = text.split(separator: "\n")
            func has(_ parts: String...) -> Bool {
                lines.contains { line in parts.allSatisfy { line.contains($0) } }
            }
            #expect(has("switchyard_http_requests_total{", #"route="/v1/models/{name}""#, #"method="PUT""#, #"status="201""#))
            #expect(has("switchyard_http_requests_total{", #"route="/v1/models/{name}""#, #"method="GET""#, #"status="404""#))
            #expect(has("switchyard_http_requests_total{", #"route="unmatched""#, #"status="404""#))
            #expect(has("switchyard_http_request_duration_seconds_bucket{", #"route="/v1/models/{name}""#))
            let size = try #require(lines.first { $0.hasPrefix("switchyard_database_size_bytes ") })
            #expect((Double(size.split(separator: " ").last ?? "") ?? 0) > 0)
            // Three tokens and one model were written: the head is the fourth event, as the store records it.
            let head = try #require(lines.first { $0.hasPrefix("switchyard_audit_head_seq ") })
            let stored = try #require(try await harness.database.auditHeadSeq())
            #expect(stored == 4)
            #expect(Double(head.split(separator: " ").last ?? "") == Double(stored))
            #expect(!text.contains(harness.viewer))
        }
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import OpenAPIRuntime
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Audit history over HTTP")
struct AuditTests {
    @Test("a write is audited with the token name as actor, the request id, the reason, and before/after as JSON")
    func auditedWrite() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let headers = ["X-Request-Id": "req-create-sd21", "X-Switchyard-Reason": "onboarding sd21"]
            _ = try await client.send(
                .put, "/v1/models/sd21", token: harness.operatorToken, json: SeedFleet.model, headers: headers)
            var changed = SeedFleet.model
            changed.expectedDemandRPS = 42
            _ = try await client.send(.put, "/v1/models/sd21", token: harness.operatorToken, json: changed)

            let response = try await client.send(.get, "/v1/audit?kind=model&name=sd21", token: harness.viewer)
            #expect(response.status == .ok)
            let events = try response.decode(Components.Schemas.AuditEventList.self).items
            #expect(events.map(\.action) == ["create", "update"])
            let create = try #require(events.first)
            #expect(create.actor == APIHarness.operatorName)
            #expect(create.requestID == "req-create-sd21")
            #expect(create.reason == "onboarding sd21")
            #expect(create.before == nil)
            let after = try #require(create.after?.value as? [String: (any Sendable)?])
            #expect(after["name"] as? String == "sd21")
            let update = try #require(events.last)
            let before = try #require(update.before?.value as? [String: (any Sendable)?])
            // Canonical JSON writes 300.0 as 300, which reads back as an integer.
            let demand = before["expectedDemandRPS"].flatMap { ($0 as? Int).map(Double.init) ?? ($0 as? Double) }
            #expect(demand == 300)

            let byActor = try await client.send(
                .get, "/v1/audit?actor=\(APIHarness.operatorName)&limit=1", token: harness.viewer)
            let page = try byActor.decode(Components.Schemas.AuditEventList.self)
            #expect(page.items.count == 1)
            #expect(page.nextCursor != nil)

            let verify = try await client.send(.get, "/v1/audit/verify", token: harness.viewer)
            let verdict = try verify.decode(AuditVerification.self)
            #expect(verdict.valid)
            #expect(verdict.checked >= 2)
        }
    }

    @Test("a refused write leaves no audit event")
    func refusedWriteLeavesNoEvent() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            var model = SeedFleet.model
            model.slo.latencyThresholdMs = -1
            let refused = try await client.send(.put, "/v1/models/sd21", token: harness.operatorToken, json: model)
            #expect(refused.status == .unprocessableContent)
            let response = try await client.send(.get, "/v1/audit?kind=model", token: harness.viewer)
            #expect(try response.decode(Components.Schemas.AuditEventList.self).items.isEmpty)
        }
    }

    @Test("there is no route that changes or deletes audit events")
    func appendOnly() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            for method in [HTTPRequest.Method.post, .put, .delete, .patch] {
                let response = try await client.send(method, "/v1/audit", token: harness.admin)
                #expect(response.status == .methodNotAllowed, "\(method)")
            }
        }
    }
}

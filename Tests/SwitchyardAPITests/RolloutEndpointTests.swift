import Foundation
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Rollouts over HTTP")
struct RolloutEndpointTests {
    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    /// A v2 unit of sd21, a copy of its inf2 unit.
    static var v2Unit: DeploymentUnit {
        var unit = DemoFleet.fleet.units[0]
        unit.name = "sd21-inf2-v2"
        unit.kubernetes.deployment += "-v2"
        unit.kubernetes.service += "-v2"
        unit.version = "v2"
        unit.manualBreakingPointRPS = 100
        return unit
    }

    @Test("start at 5 %, pause, resume, promote: the weights follow, roles and conflicts are enforced")
    func lifecycle() async throws {
        try await DemandEndpointTests.withDemoFleet { client, harness in
            let put = try await client.send(.put, "/v1/units/sd21-inf2-v2", token: harness.operatorToken, json: Self.v2Unit)
            #expect(put.status == .created)
            let request = #"{"toVersion": "v2", "steps": [5, 50, 100], "pauseSeconds": 600}"#

            let viewer = try await client.send(.post, "/v1/models/sd21/rollouts", token: harness.viewer, body: request, contentType: "application/json")
            #expect(viewer.status == .forbidden)
            let none = try await client.send(.get, "/v1/models/sd21/rollouts/current", token: harness.viewer)
            #expect(none.status == .notFound)

            let started = try await client.send(
                .post, "/v1/models/sd21/rollouts", token: harness.operatorToken, body: request, contentType: "application/json")
            #expect(started.status == .created)
            let body = try object(started)
            #expect(body["status"] as? String == "progressing")
            #expect(body["canaryPercent"] as? Int == 5)
            #expect((body["weights"] as? [String: Int])?["sd21-inf2-v2"] == 5)
            #expect((body["weights"] as? [String: Int])?.values.reduce(0, +) == 100)

            let again = try await client.send(
                .post, "/v1/models/sd21/rollouts", token: harness.operatorToken, body: request, contentType: "application/json")
            #expect(again.status == .conflict)

            let paused = try await client.send(.post, "/v1/models/sd21/rollouts/current/pause", token: harness.operatorToken)
            #expect(try object(paused)["status"] as? String == "paused")
            let pausedAgain = try await client.send(.post, "/v1/models/sd21/rollouts/current/pause", token: harness.operatorToken)
            #expect(pausedAgain.status == .conflict)
            #expect(try pausedAgain.problem().field == "action")
            _ = try await client.send(.post, "/v1/models/sd21/rollouts/current/resume", token: harness.operatorToken)
            let promoted = try object(try await client.send(
                .post, "/v1/models/sd21/rollouts/current/promote", token: harness.operatorToken))
            #expect(promoted["status"] as? String == "promoted")
            #expect(promoted["weights"] as? [String: Int] == ["sd21-inf2-v2": 100])

            let current = try object(try await client.send(.get, "/v1/models/sd21/rollouts/current", token: harness.viewer))
            #expect(current["status"] as? String == "promoted")
            let list = try await client.send(.get, "/v1/models/sd21/rollouts", token: harness.viewer)
            #expect((try JSONSerialization.jsonObject(with: Data(buffer: list.body)) as? [Any])?.count == 1)
            let bogus = try await client.send(.post, "/v1/models/sd21/rollouts/current/explode", token: harness.operatorToken)
            #expect(bogus.status == .badRequest)
        }
    }

    @Test("bad steps and a version without units are refused naming the field")
    func validation() async throws {
        try await DemandEndpointTests.withDemoFleet { client, harness in
            let noUnits = try await client.send(
                .post, "/v1/models/sd21/rollouts", token: harness.operatorToken, body: #"{"toVersion": "v9"}"#,
                contentType: "application/json")
            #expect(noUnits.status == .unprocessableContent)
            #expect(try noUnits.problem().field == "toVersion")

            _ = try await client.send(.put, "/v1/units/sd21-inf2-v2", token: harness.operatorToken, json: Self.v2Unit)
            let badSteps = try await client.send(
                .post, "/v1/models/sd21/rollouts", token: harness.operatorToken,
                body: #"{"toVersion": "v2", "steps": [50, 20]}"#, contentType: "application/json")
            #expect(badSteps.status == .unprocessableContent)
            #expect(try badSteps.problem().field == "steps[1]")
            let unknown = try await client.send(
                .post, "/v1/models/nope/rollouts", token: harness.operatorToken, body: #"{"toVersion": "v2"}"#,
                contentType: "application/json")
            #expect(unknown.status == .notFound)
        }
    }

    @Test("a reported reading: a healthy one holds inside the pause, a bad one rolls back at once; bad figures name the field")
    func reportedReadings() async throws {
        try await DemandEndpointTests.withDemoFleet { client, harness in
            let path = "/v1/models/sd21/rollouts/current/readings"
            let early = try await client.send(
                .post, path, token: harness.operatorToken, body: #"{"errorRate": 0}"#, contentType: "application/json")
            #expect(early.status == .notFound)

            _ = try await client.send(.put, "/v1/units/sd21-inf2-v2", token: harness.operatorToken, json: Self.v2Unit)
            _ = try await client.send(
                .post, "/v1/models/sd21/rollouts", token: harness.operatorToken,
                body: #"{"toVersion": "v2", "steps": [10, 100], "pauseSeconds": 600}"#, contentType: "application/json")

            let viewer = try await client.send(
                .post, path, token: harness.viewer, body: #"{"errorRate": 0}"#, contentType: "application/json")
            #expect(viewer.status == .forbidden)
            for (body, field) in [("{}", "errorRate"), (#"{"errorRate": 1.5}"#, "errorRate"), (#"{"latencyMs": -1}"#, "latencyMs")] {
                let bad = try await client.send(.post, path, token: harness.operatorToken, body: body, contentType: "application/json")
                #expect(bad.status == .unprocessableContent, "\(body)")
                #expect(try bad.problem().field == field, "\(body)")
            }

            let healthy = try object(try await client.send(
                .post, path, token: harness.operatorToken, body: #"{"errorRate": 0.001, "latencyMs": 300}"#,
                contentType: "application/json"))
            #expect(healthy["status"] as? String == "progressing")
            #expect(healthy["canaryPercent"] as? Int == 10)
            #expect((healthy["lastReading"] as? [String: Double])?["latencyMs"] == 300)
            #expect((healthy["reason"] as? String)?.contains("holds") == true)

            let failing = try object(try await client.send(
                .post, path, token: harness.operatorToken, body: #"{"errorRate": 0.2}"#, contentType: "application/json"))
            #expect(failing["status"] as? String == "rolled-back")
            #expect((failing["reason"] as? String)?.contains("v2 error rate 20 %") == true)
            #expect((failing["weights"] as? [String: Int])?["sd21-inf2-v2"] ?? 0 == 0)

            let audit = try await client.send(.get, "/v1/audit?kind=rollout", token: harness.viewer)
            let actions = String(buffer: audit.body)
            #expect(actions.contains("\"roll-back\""))
            let after = try await client.send(
                .post, path, token: harness.operatorToken, body: #"{"errorRate": 0}"#, contentType: "application/json")
            #expect(after.status == .notFound)
        }
    }
}

import Foundation
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Adaptive transitions, standby and time to serve over HTTP")
struct TransitionEndpointTests {
    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
    }

    @Test("a model's transition: null before the rebalancer moved it, then its steps, where it stands and its standby")
    func transition() async throws {
        try await DemandEndpointTests.withDemoFleet { client, harness in
            let before = try await client.send(.get, "/v1/models/sd21/transition", token: harness.viewer)
            #expect(before.status == .ok)
            let empty = try object(before)
            #expect(empty["model"] as? String == "sd21")
            #expect(empty["adaptive"] as? Bool == false)
            #expect(empty["standbyPolicy"] as? Int == 0)
            #expect(empty["transition"] is NSNull)

            let mix = UnitMix(replicas: ["sd21-g5-triton": 2], weights: ["sd21-g5-triton": 100], capacityRPS: 180, hourlyUSD: 2)
            let standby = StandbyPlan(floors: ["sd21-inf2": 1], capacityRPS: 105, hourlyUSD: 0.7582, reason: "standby 1")
            let decision = MixDecision(kind: .capacity, mix: mix, cheapest: mix, requiredRPS: 150, reason: "more demand")
            let transition = TransitionPlanner().plan(
                model: "sd21", decision: decision, inForce: .empty, floors: [:], secondsUntilServing: ["sd21-g5-triton": 420],
                standby: standby, at: Date())
            let state = AdaptiveModelState().beginning(transition)
                .after(.setFloors(["sd21-g5-triton": 2, "sd21-inf2": 1]), at: Date())
            try await harness.database.saveAdaptiveState(model: "sd21", state: state, audits: [])

            let during = try object(try await client.send(.get, "/v1/models/sd21/transition", token: harness.viewer))
            let shown = try #require(during["transition"] as? [String: Any])
            #expect(shown["currentStep"] as? String == "await-ready")
            #expect(shown["finished"] as? Bool == false)
            #expect((shown["steps"] as? [[String: Any]])?.compactMap { $0["name"] as? String }
                == ["raise-floors", "await-ready", "move-weights", "lower-floors"])
            let shownStandby = try #require(shown["standby"] as? [String: Any])
            #expect(shownStandby["hourlyUSD"] as? Double == 0.7582)
            #expect(during["floors"] as? [String: Int] == ["sd21-g5-triton": 2, "sd21-inf2": 1])

            let missing = try await client.send(.get, "/v1/models/nope/transition", token: harness.viewer)
            #expect(missing.status == .notFound)
            let anonymous = try await client.send(.get, "/v1/models/sd21/transition")
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test("standby is auto or a number of replicas; anything else is refused naming the field and changes nothing")
    func standby() async throws {
        try await DemandEndpointTests.withDemoFleet { client, harness in
            var model = DemoFleet.model
            model.routing.adaptive = true
            model.routing.standby = .auto
            let auto = try await client.send(.put, "/v1/models/sd21", token: harness.operatorToken, json: model)
            #expect(auto.status == .ok)
            let read = try await client.send(.get, "/v1/models/sd21", token: harness.viewer)
            let routing = try #require(try object(read)["routing"] as? [String: Any])
            #expect(routing["standby"] as? String == "auto")
            #expect(try read.decode(ServedModel.self).routing.standby == .auto)

            for bad in [#""warm""#, "-1", "10001", "1.5"] {
                var document = try object(read)
                var badRouting = routing
                badRouting["standby"] = try JSONSerialization.jsonObject(with: Data(bad.utf8), options: .fragmentsAllowed)
                document["routing"] = badRouting
                document.removeValue(forKey: "etag")
                let body = String(decoding: try JSONSerialization.data(withJSONObject: document), as: UTF8.self)
                let refused = try await client.send(
                    .put, "/v1/models/sd21", token: harness.operatorToken, body: body, contentType: "application/json")
                #expect(refused.status == .badRequest || refused.status == .unprocessableContent, "standby \(bad)")
                #expect(try refused.problem().field?.hasPrefix("routing.standby") == true, "standby \(bad)")
            }
            #expect(try await harness.database.get(ServedModel.self, named: "sd21").value.routing.standby == .auto)
        }
    }

    @Test("a unit's time to serve sets the model's forecast horizon; out of range is refused naming the field")
    func timeToServe() async throws {
        try await DemandEndpointTests.withDemoFleet { client, harness in
            var unit = try await harness.database.get(DeploymentUnit.self, named: "sd21-trn1").value
            for bad in [0.0, -5, 86_401] {
                unit.timeToServeSeconds = bad
                let refused = try await client.send(.put, "/v1/units/sd21-trn1", token: harness.operatorToken, json: unit)
                #expect(refused.status == .unprocessableContent, "timeToServeSeconds \(bad)")
                #expect(try refused.problem().field == "timeToServeSeconds", "timeToServeSeconds \(bad)")
            }
            unit.timeToServeSeconds = 900
            let stored = try await client.send(.put, "/v1/units/sd21-trn1", token: harness.operatorToken, json: unit)
            #expect(stored.status == .ok)
            #expect(try stored.decode(DeploymentUnit.self).timeToServeSeconds == 900)
            _ = try await client.send(
                .post, "/v1/models/sd21/demand", token: harness.operatorToken, body: #"{"rps": 100}"#, contentType: "application/json")
            let demand = try await client.send(.get, "/v1/models/sd21/demand", token: harness.viewer)
            #expect(try demand.decode(DemandEndpointTests.ModelDemand.self).forecast.horizonSeconds == 900)
        }
    }
}

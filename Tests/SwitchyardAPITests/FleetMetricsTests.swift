import Foundation
import HummingbirdTesting
import SwitchyardControl
import SwitchyardCore
import Testing

@testable import SwitchyardAPI

/// The series the monitoring kit in `deploy/monitoring` reads, on `/metrics` with the labels its rules and
/// dashboard select by.
@Suite("Prometheus metrics of the fleet and the control loops")
struct FleetMetricsTests {
    /// The value of the one sample line holding every part, if there is one.
    static func value(_ exposition: String, _ parts: String...) -> Double? {
        exposition.split(separator: "\n").first { line in
            !line.hasPrefix("#") && parts.allSatisfy { line.contains($0) }
        }.flatMap { Double($0.split(separator: " ").last ?? "") }
    }

    @Test("weights in force, configuration per model, pool health, pushes, switches with their reaction time and the audit chain")
    func failover() async throws {
        try await ControlEndpointTests.withDemoFleet { client, harness in
            let applied = try await client.send(.post, "/v1/apply", token: harness.operatorToken)
            #expect(applied.status == .ok)
            var text = try await client.send(.get, "/metrics").text
            let demoWeights = ["sd21-inf2": 30.0, "sd21-trn1": 21, "sd21-g5-triton": 19, "sd21-g6-triton": 17, "sd21-g5-cuda": 13]
            for (unit, weight) in demoWeights {
                #expect(Self.value(text, "switchyard_unit_weight{", #"model="sd21""#, #"unit="\#(unit)""#) == weight, "\(unit)")
            }
            #expect(Self.value(text, "switchyard_model_configuration{", #"model="sd21""#, #"configuration="cost""#) == 1)
            #expect(Self.value(text, "switchyard_model_configuration{", #"model="sd21""#, #"configuration="capacity""#) == 0)
            #expect(Self.value(text, "switchyard_model_configuration_since_timestamp_seconds{", #"model="sd21""#) == 0)
            #expect(Self.value(text, "switchyard_model_pinned{", #"model="sd21""#) == 0)
            #expect(Self.value(text, "switchyard_pool_health{", #"pool="amd-neuron""#, #"state="healthy""#) == 1)
            #expect(Self.value(text, "switchyard_pool_health{", #"pool="amd-neuron""#, #"state="short""#) == 0)
            #expect(Self.value(text, "switchyard_pushes_total{", #"target="files""#, #"outcome="succeeded""#) == 1)
            #expect(Self.value(text, "switchyard_pushes_total{", #"target="files""#, #"outcome="failed""#) == 0)
            #expect(Self.value(text, "switchyard_push_duration_seconds_count{", #"target="files""#) == 1)
            #expect(Self.value(text, "switchyard_failover_reaction_seconds_count") == 0)
            #expect(Self.value(text, "switchyard_audit_chain_valid") == 1)

            let reported = try await client.send(
                .post, "/v1/capacity-signals", token: harness.operatorToken,
                json: ["pool": "amd-neuron", "condition": "short", "reason": "InsufficientCapacityError"])
            #expect(reported.status == .accepted)
            let report = try await harness.control.failover.pass(now: Date())
            #expect(report.outcome == .switched)

            text = try await client.send(.get, "/metrics").text
            #expect(Self.value(text, "switchyard_unit_weight{", #"model="sd21""#, #"unit="sd21-inf2""#) == 0)
            #expect(Self.value(text, "switchyard_unit_weight{", #"model="sd21""#, #"unit="sd21-g5-triton""#).map { $0 > 19 } == true)
            #expect(Self.value(text, "switchyard_model_configuration{", #"model="sd21""#, #"configuration="capacity""#) == 1)
            #expect(Self.value(text, "switchyard_model_configuration{", #"model="sd21""#, #"configuration="cost""#) == 0)
            let since = try #require(Self.value(text, "switchyard_model_configuration_since_timestamp_seconds{", #"model="sd21""#))
            #expect(abs(since - Date().timeIntervalSince1970) < 60)
            #expect(Self.value(text, "switchyard_pool_health{", #"pool="amd-neuron""#, #"state="short""#) == 1)
            #expect(Self.value(text, "switchyard_pool_health{", #"pool="amd-nvidia""#, #"state="healthy""#) == 1)
            #expect(Self.value(text, "switchyard_pushes_total{", #"target="files""#, #"outcome="succeeded""#) == 2)
            #expect(Self.value(text, "switchyard_failover_switches_total{", #"model="sd21""#, #"to="capacity""#) == 1)
            #expect(Self.value(text, "switchyard_failover_reaction_seconds_count") == 1)
            let reaction = try #require(Self.value(text, "switchyard_failover_reaction_seconds_sum"))
            #expect(reaction > 0 && reaction < 30)
            #expect(Self.value(text, "switchyard_audit_chain_valid") == 1)
        }
    }

    @Test("a unit that is gone loses its weight series; a drift correction is counted by target and outcome")
    func removalAndDrift() async throws {
        try await ControlEndpointTests.withDemoFleet { client, harness in
            var text = try await client.send(.get, "/metrics").text
            #expect(Self.value(text, "switchyard_unit_weight{", #"unit="sd21-g5-cuda""#) == 13)
            #expect(Self.value(text, "switchyard_drift_corrections_total{", #"target="files""#, #"outcome="restored""#) == 0)
            let benchmark = try await client.send(.delete, "/v1/units/sd21-g5-cuda/benchmarks/5", token: harness.operatorToken)
            #expect(benchmark.status == .noContent)
            let deleted = try await client.send(.delete, "/v1/units/sd21-g5-cuda", token: harness.operatorToken)
            #expect(deleted.status == .noContent)
            text = try await client.send(.get, "/metrics").text
            #expect(Self.value(text, "switchyard_unit_weight{", #"unit="sd21-g5-cuda""#) == nil)
            #expect(Self.value(text, "switchyard_unit_weight{", #"unit="sd21-inf2""#) != nil)

            // Everything pushed is taken away by hand: the drift pass puts it back.
            #expect(try await client.send(.post, "/v1/apply", token: harness.operatorToken).status == .ok)
            try FileManager.default.removeItem(at: harness.pushDirectory)
            let report = try await DriftCorrector(applyService: harness.control.apply).correctOnce()
            #expect(!report.corrections.isEmpty)
            text = try await client.send(.get, "/metrics").text
            #expect(Self.value(text, "switchyard_drift_corrections_total{", #"target="files""#, #"outcome="restored""#)
                == Double(report.corrections.count))
        }
    }
}

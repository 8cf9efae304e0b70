import Foundation
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

/// The bodies of the failover, transition, manifest and replay operations read back through the schema types a
/// client generates from the spec, with the fields the spec requires.
@Suite("Typed responses: what the spec describes is what the operations answer")
struct TypedResponseTests {
    static func decode<Value: Decodable>(_ type: Value.Type, _ response: TestResponse) throws -> Value {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = RFC3339Dates.decodingStrategy
        return try decoder.decode(Value.self, from: Data(buffer: response.body))
    }

    static func keys(_ response: TestResponse) throws -> Set<String> {
        let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
        return Set(object.keys)
    }

    @Test("manifests as JSON: each object's apiVersion, kind and metadata typed, the kind's own fields kept")
    func manifests() async throws {
        try await ControlEndpointTests.withDemoFleet { client, harness in
            let response = try await client.send(
                .get, "/v1/models/sd21/manifests", token: harness.viewer, headers: ["Accept": "application/json"])
            #expect(response.status == .ok)
            let objects = try Self.decode([Components.Schemas.KubernetesObject].self, response)
            let deployment = try #require(objects.first { $0.kind == "Deployment" })
            #expect(deployment.apiVersion == "apps/v1")
            #expect(deployment.metadata.namespace != nil)
            #expect(deployment.metadata.labels?.additionalProperties["app.kubernetes.io/managed-by"] == "switchyard")
            #expect(deployment.additionalProperties.value["spec"] != nil)
            let namespace = try #require(objects.first { $0.kind == "Namespace" })
            #expect(namespace.metadata.namespace == nil)
        }
    }

    @Test("a capacity signal's receipt, the failover overview, a pin and an unpin")
    func failover() async throws {
        try await ControlEndpointTests.withDemoFleet { client, harness in
            let reported = try await client.send(
                .post, "/v1/capacity-signals", token: harness.operatorToken,
                json: ["pool": "amd-neuron", "condition": "short", "reason": "InsufficientCapacityError"])
            #expect(reported.status == .accepted)
            let receipt = try Self.decode(Components.Schemas.SignalReceipt.self, reported)
            #expect(receipt.signal.pool == "amd-neuron")
            #expect(receipt.signal.condition == .short)
            #expect(receipt.signal.source == ._operator)
            #expect(try Self.keys(reported) == ["id", "signal", "receivedAt"])
            _ = try await harness.control.failover.pass(now: Date())

            let status = try await client.send(.get, "/v1/failover", token: harness.viewer)
            #expect(status.status == .ok)
            let overview = try Self.decode(Components.Schemas.FailoverOverview.self, status)
            let sd21 = try #require(overview.models.first { $0.model == "sd21" })
            #expect(sd21.configuration == "capacity")
            #expect(sd21.reason == .poolShort)
            #expect(sd21.evidence.first?.reason == "InsufficientCapacityError")
            let neuron = try #require(overview.pools.first { $0.pool == "amd-neuron" })
            #expect(neuron.state == .short)
            #expect(neuron.since != nil)
            #expect(overview.pools.first { $0.pool == "amd-nvidia" }?.state == .healthy)
            #expect(try Self.keys(status) == ["leader", "pendingSignals", "settings", "models", "pools", "observers", "adaptive", "nodeWarnings"])
            #expect(overview.nodeWarnings.isEmpty)

            let pinned = try await client.send(
                .put, "/v1/models/sd21/pin", token: harness.operatorToken, json: ["configuration": "optimal-without:amd-neuron"])
            #expect(pinned.status == .ok)
            let routing = try Self.decode(Components.Schemas.ModelRouting.self, pinned)
            #expect(routing.model == "sd21")
            #expect(routing.pin == "optimal-without:amd-neuron")
            #expect(routing.lastSwitchAt != nil)
            let unpinned = try await client.send(.delete, "/v1/models/sd21/pin", token: harness.operatorToken)
            #expect(try Self.decode(Components.Schemas.ModelRouting.self, unpinned).pin == nil)
        }
    }

    @Test("a model's transition: null as a value of its own before the first move")
    func transition() async throws {
        try await ControlEndpointTests.withDemoFleet { client, harness in
            let response = try await client.send(.get, "/v1/models/sd21/transition", token: harness.viewer)
            #expect(response.status == .ok)
            let view = try Self.decode(Components.Schemas.ModelTransition.self, response)
            #expect(view.model == "sd21")
            #expect(view.standbyPolicy == .case2(0))
            #expect(view.inForce.replicas.additionalProperties.isEmpty)
            // Null, not left out; a generated client reads either as no transition.
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
            #expect(object["transition"] is NSNull)
            #expect((view.transition ?? nil) == nil)
        }
    }

    @Test("a replay report: every strategy with its series; a window the strategy never reacted to is null")
    func replay() async throws {
        try await ControlEndpointTests.withDemoFleet { client, harness in
            let request = ReplayRequest(
                model: "sd21", patterns: ["constant:200"], outages: ["amd-neuron:10m-40m"], duration: "1h", step: "10s")
            let response = try await client.send(.post, "/v1/replays", token: harness.viewer, json: request)
            #expect(response.status == .ok)
            let report = try Self.decode(Components.Schemas.ReplayReport.self, response)
            #expect(report.model == "sd21")
            #expect(report.results.map(\.strategy).count == ReplayStrategy.allCases.count)
            #expect(report.capacityWindows.first?.pool == "amd-neuron")
            let staticCost = try #require(report.results.first { $0.strategy == .staticCost })
            #expect(staticCost.shortageToSwitchSeconds == [nil])
            #expect(staticCost.series.first?.servedRPS.count == report.units.count)
        }
    }

    @Test("a diff and an apply report: changes with their identity, action and object; pushes and failures")
    func diffAndApply() async throws {
        try await ControlEndpointTests.withDemoFleet { client, harness in
            let diffResponse = try await client.send(.get, "/v1/diff?model=sd21", token: harness.viewer)
            #expect(diffResponse.status == .ok)
            let diff = try Self.decode(Components.Schemas.ApplyDiff.self, diffResponse)
            let files = try #require(diff.targets.first { $0.target == .files })
            let added = try #require(files.diff.changes.first { $0.identity.kind == "Deployment" })
            #expect(added.action == .added)
            #expect(added.after == nil)
            let full = try Self.decode(
                Components.Schemas.ApplyDiff.self,
                try await client.send(.get, "/v1/diff?model=sd21&full=true", token: harness.viewer))
            let addedWhole = try #require(full.targets.first { $0.target == .files }?.diff.changes.first { $0.identity == added.identity })
            #expect(addedWhole.after?.additionalProperties.value["spec"] != nil)

            let applied = try await client.send(.post, "/v1/apply?dryRun=true", token: harness.operatorToken)
            #expect(applied.status == .ok)
            let report = try Self.decode(Components.Schemas.ApplyReport.self, applied)
            #expect(report.dryRun)
            #expect(report.succeeded)
            #expect(report.pushes.isEmpty)
            #expect(report.diff.targets.count == diff.targets.count)
            #expect(try Self.keys(applied) == ["dryRun", "diff", "pushes", "succeeded", "failures"])
        }
    }

    @Test("an exported fleet reads back through the fleet schema and imports unchanged")
    func fleetRoundTrip() async throws {
        try await ControlEndpointTests.withDemoFleet { client, harness in
            let exported = try await client.send(.get, "/v1/export", token: harness.viewer)
            #expect(exported.status == .ok)
            let fleet = try Self.decode(Components.Schemas.Fleet.self, exported)
            #expect(fleet.models?.isEmpty == false)
            #expect(fleet.pools?.contains { $0.consolidation != nil } == true)
            let reimported = try await client.send(
                .post, "/v1/import?dryRun=true", token: harness.admin, body: exported.text, contentType: "application/json")
            #expect(reimported.status == .ok)
            let report = try Self.decode(Components.Schemas.ImportReport.self, reimported)
            #expect(report.created.isEmpty)
            #expect(report.updated.isEmpty)
            #expect(!report.unchanged.isEmpty)
        }
    }
}

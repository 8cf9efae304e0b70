import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

/// The adaptive loop against the fake Kubernetes API server: floors go out as ScaledObject `minReplicaCount`
/// by server-side apply, readiness is read from the Deployments' status (set here as the Deployment
/// controller would), and the weights move only once the gaining units report their replicas ready.
@Suite("Adaptive transitions against the fake Kubernetes API server")
struct AdaptiveKubernetesTests {
    static func deployment(_ unit: String) -> ResourcePath {
        ResourcePath(group: "apps", version: "v1", resource: "deployments", namespace: "sd21", name: unit)
    }

    static func scaledObject(_ unit: String) -> ResourcePath {
        ResourcePath(group: "keda.sh", version: "v1alpha1", resource: "scaledobjects", namespace: "sd21", name: "\(unit)-hpa")
    }

    /// Sets `status.readyReplicas` of each named unit's Deployment, as the Deployment controller reports it.
    static func markReady(_ ready: [String: Int], in store: KubernetesObjectStore) async throws {
        for (unit, count) in ready {
            let live = try await store.get(deployment(unit))
            guard case .object(var members) = live else { continue }
            members.removeAll { $0.key == "status" }
            members.append(JSONValue.Member("status", .object([JSONValue.Member("readyReplicas", .number(Double(count)))])))
            try await store.put(.object(members), at: deployment(unit))
        }
    }

    static func floors(_ client: LiveKubernetesClient) async throws -> [String: Int] {
        var floors: [String: Int] = [:]
        for unit in DemoFleet.units.map(\.name) {
            let object = try await client.get(scaledObject(unit))
            floors[unit] = Int(object["spec"]?["minReplicaCount"]?.numberValue ?? -1)
        }
        return floors
    }

    @Test("floors rise, the weights wait for ready Deployments, then move, and the other floors fall")
    func transition() async throws {
        try await withFakeCluster { server, client in
            var fleet = ControlFixtures.fleet(applier: .kubernetes)
            fleet.models[0].routing.adaptive = true
            let database = try await ControlFixtures.database(fleet)
            let apply = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            #expect(try await apply.apply(context: ControlFixtures.context).succeeded)
            try await Self.markReady(["sd21-inf2": 1], in: server.store)
            let controller = AdaptiveController(
                database: database, pusher: apply, readiness: DeploymentReadiness(kubernetes: client))

            let now = Date()
            try await database.appendDemandSamples((0..<20).map {
                DemandSample(model: "sd21", observedAt: now.addingTimeInterval(-Double($0) * 60), rps: 80, source: "operator")
            })
            let first = try await controller.pass(now: now)
            #expect(first.steps["sd21"] == ["raise-floors", "move-weights", "lower-floors"])
            #expect(try await Self.floors(client) == [
                "sd21-inf2": 1, "sd21-trn1": 0, "sd21-g5-triton": 0, "sd21-g6-triton": 0, "sd21-g5-cuda": 0,
            ])

            let later = now.addingTimeInterval(120)
            try await database.appendDemandSamples([later.addingTimeInterval(-60), later].map {
                DemandSample(model: "sd21", observedAt: $0, rps: 1_000, source: "operator")
            })
            let rising = try await controller.pass(now: later)
            #expect(rising.steps["sd21"] == ["raise-floors"])
            let target = try #require(try await database.adaptiveStates()["sd21"]?.transition?.to)
            let raised = try await Self.floors(client)
            for (unit, count) in target.replicas { #expect(try #require(raised[unit]) >= count, "\(unit)") }
            #expect(try await database.adaptiveStates()["sd21"]?.inForce.weights == ["sd21-inf2": 100])

            // Some replicas ready, not all: still waiting, weights untouched.
            var partial = target.replicas
            if let unit = partial.keys.sorted().first(where: { $0 != "sd21-inf2" }) { partial[unit] = 0 }
            try await Self.markReady(partial, in: server.store)
            let waiting = try await controller.pass(now: later.addingTimeInterval(60))
            #expect(waiting.steps["sd21"] == nil)
            #expect(waiting.waiting["sd21"]?.contains("waiting for ready replicas") == true)
            #expect(try await database.adaptiveStates()["sd21"]?.inForce.weights == ["sd21-inf2": 100])

            try await Self.markReady(target.replicas, in: server.store)
            let moved = try await controller.pass(now: later.addingTimeInterval(120))
            #expect(moved.steps["sd21"] == ["move-weights", "lower-floors"])
            #expect(try await database.adaptiveStates()["sd21"]?.inForce.weights == target.weights)
            let lowered = try await Self.floors(client)
            for unit in DemoFleet.units.map(\.name) { #expect(lowered[unit] == target.replicas[unit] ?? 0, "\(unit)") }
            #expect(try await apply.diff().isEmpty)
        }
    }
}

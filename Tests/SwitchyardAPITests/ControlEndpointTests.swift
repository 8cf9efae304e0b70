import Foundation
import HummingbirdTesting
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Manifests, diff, apply, failover and replays over HTTP")
struct ControlEndpointTests {
    static func withDemoFleet(_ body: @Sendable @escaping (HTTPClient, APIHarness) async throws -> Void) async throws {
        let harness = try await APIHarness.make()
        _ = try await harness.database.importFleet(
            DemoFleet.fleet, dryRun: false, context: ChangeContext(actor: "test", requestID: "demo"))
        try await harness.run { client in try await body(client, harness) }
    }

    @Test("manifests: YAML by default, a JSON array when asked, one model's objects on its own route")
    func manifests() async throws {
        try await Self.withDemoFleet { client, harness in
            let yaml = try await client.send(.get, "/v1/manifests", token: harness.viewer)
            #expect(yaml.status == .ok)
            #expect(yaml.headers[.contentType]?.hasPrefix("application/yaml") == true)
            // Top-level kinds only: a ScaledObject's scaleTargetRef also says `kind: Deployment`, indented.
            #expect(yaml.text.components(separatedBy: "\nkind: Deployment\n").count - 1 == 5)
            #expect(yaml.text.contains("aws.amazon.com/neuron"))

            let json = try await client.send(
                .get, "/v1/models/sd21/manifests", token: harness.viewer, headers: ["Accept": "application/json"])
            #expect(json.status == .ok)
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(buffer: json.body)) as? [[String: Any]])
            #expect(objects.filter { $0["kind"] as? String == "ScaledObject" }.count == 5)
            #expect(objects.contains { $0["kind"] as? String == "Ingress" })

            let missing = try await client.send(.get, "/v1/models/nope/manifests", token: harness.viewer)
            #expect(missing.status == .notFound)
            #expect(missing.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("diff shows everything before the first apply and nothing after; a dry run sends nothing")
    func diffAndApply() async throws {
        try await Self.withDemoFleet { client, harness in
            let before = try await client.send(.get, "/v1/diff", token: harness.viewer).decode(ApplyDiff.self)
            // The sd21 Namespace, two NodePools, five units' Deployment, Service and ScaledObject, and the Ingress.
            #expect(before.diff(for: .files).changes.count == 19)

            let dryRun = try await client.send(.post, "/v1/apply?dryRun=true", token: harness.operatorToken)
            #expect(dryRun.status == .ok)
            #expect(!FileManager.default.fileExists(atPath: harness.pushDirectory.path))

            let viewerApply = try await client.send(.post, "/v1/apply", token: harness.viewer)
            #expect(viewerApply.status == .forbidden)

            let applied = try await client.send(.post, "/v1/apply", token: harness.operatorToken)
            #expect(applied.status == .ok)
            #expect(try applied.decode(ApplyReport.self).succeeded)
            let written = try FileManager.default.subpathsOfDirectory(atPath: harness.pushDirectory.path)
            #expect(written.contains("sd21/ingress-sd21.yaml"))

            let after = try await client.send(.get, "/v1/diff", token: harness.viewer).decode(ApplyDiff.self)
            #expect(after.isEmpty)
            let events = try await harness.database.auditEvents(AuditFilter(kind: .push))
            #expect(events.items.map(\.actor) == [APIHarness.operatorName])
        }
    }

    @Test("after an apply, a price change shows in the diff as exactly the weight fields that move")
    func priceChangeDiff() async throws {
        try await Self.withDemoFleet { client, harness in
            let applied = try await client.send(.post, "/v1/apply", token: harness.operatorToken)
            #expect(applied.status == .ok)
            let before = try await client.send(.get, "/v1/models/sd21/plan?strategy=cost", token: harness.viewer)
                .decode(RoutingPlan.self)

            var g6 = try #require(DemoFleet.fleet.instanceTypes.first { $0.name == "g6.xlarge" })
            g6.prices = g6.prices.map { price in
                var cheaper = price
                cheaper.hourlyUSD = 0.40
                return cheaper
            }
            let put = try await client.send(.put, "/v1/instance-types/g6.xlarge", token: harness.operatorToken, json: g6)
            #expect(put.status == .ok)
            let after = try await client.send(.get, "/v1/models/sd21/plan?strategy=cost", token: harness.viewer)
                .decode(RoutingPlan.self)
            let moved = Set(after.entries.filter { before.weight(of: $0.unit) != $0.weight }.map(\.unit))
            #expect(!moved.isEmpty)

            let diff = try await client.send(.get, "/v1/diff", token: harness.viewer).decode(ApplyDiff.self)
            let changes = diff.diff(for: .files).changes
            // g6 at $0.40/h becomes the cheapest inference of all, so the NVIDIA pool now outranks the neuron pool:
            // the two NodePool weights swap, and the forward action's weights move. Nothing else changes.
            #expect(changes.allSatisfy { $0.action == .changed })
            #expect(Set(changes.map { $0.identity.description }) == [
                "karpenter.sh/v1/NodePool/amd-neuron", "karpenter.sh/v1/NodePool/amd-nvidia",
                "networking.k8s.io/v1/Ingress/sd21/sd21",
            ])
            for change in changes {
                #expect(change.fields.allSatisfy { $0.path.hasSuffix("weight") }, "\(change.fields.map(\.path))")
            }
            let ingress = try #require(changes.first { $0.identity.description.contains("Ingress") })
            // One field per target group whose weight moved.
            #expect(ingress.fields.count == moved.count)
        }
    }

    @Test("a reported shortage switches the model after a pass; the plan in force follows; unknown pools are 422")
    func capacitySignals() async throws {
        try await Self.withDemoFleet { client, harness in
            let unknown = try await client.send(
                .post, "/v1/capacity-signals", token: harness.operatorToken,
                json: ["pool": "nope", "condition": "short"])
            #expect(unknown.status == .unprocessableContent)
            #expect(unknown.text.contains("\"field\":\"pool\""))
            // Read once before the switch, so the read after it must not be the answer held from before.
            let cost = try await client.send(.get, "/v1/models/sd21/plan", token: harness.viewer).decode(RoutingPlan.self)
            #expect(cost.strategy == .cost)

            let reported = try await client.send(
                .post, "/v1/capacity-signals", token: harness.operatorToken,
                json: ["pool": "amd-neuron", "condition": "short", "reason": "InsufficientCapacityError"])
            #expect(reported.status == .accepted)
            _ = try await harness.control.failover.pass(now: Date())

            let status = try await client.send(.get, "/v1/failover", token: harness.viewer)
            #expect(status.status == .ok)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(buffer: status.body)) as? [String: Any])
            let models = try #require(object["models"] as? [[String: Any]])
            #expect(models.first?["configuration"] as? String == "capacity")

            let plan = try await client.send(.get, "/v1/models/sd21/plan", token: harness.viewer).decode(RoutingPlan.self)
            #expect(plan.strategy == .capacity)
            #expect(plan.weight(of: "sd21-inf2") == 0)
        }
    }

    @Test("pin and unpin a model; a bad configuration is 422")
    func pins() async throws {
        try await Self.withDemoFleet { client, harness in
            let bad = try await client.send(
                .put, "/v1/models/sd21/pin", token: harness.operatorToken, json: ["configuration": "fastest"])
            #expect(bad.status == .unprocessableContent)
            let pinned = try await client.send(
                .put, "/v1/models/sd21/pin", token: harness.operatorToken, json: ["configuration": "capacity"])
            #expect(pinned.status == .ok)
            #expect(pinned.text.contains("\"pin\":\"capacity\"") || pinned.text.contains("\"pin\" : \"capacity\""))
            let unpinned = try await client.send(.delete, "/v1/models/sd21/pin", token: harness.operatorToken)
            #expect(unpinned.status == .ok)
            #expect(!unpinned.text.contains("\"pin\""))
        }
    }

    @Test("replays: a JSON report by default, the SVG timeline when asked, 422 on a bad pattern")
    func replays() async throws {
        try await Self.withDemoFleet { client, harness in
            let request = ReplayRequest(
                model: "sd21", patterns: ["constant:200"], outages: ["amd-neuron:10m-40m"], duration: "1h", step: "10s")
            let json = try await client.send(.post, "/v1/replays", token: harness.viewer, json: request)
            #expect(json.status == .ok)
            let report = try json.decode(ReplayReport.self)
            #expect(report.results.count == ReplayStrategy.allCases.count)
            #expect(report.capacityWindows.first?.pool == "amd-neuron")

            let svg = try await client.send(
                .post, "/v1/replays", token: harness.viewer, json: request, headers: ["Accept": "image/svg+xml"])
            #expect(svg.status == .ok)
            #expect(svg.text.hasPrefix("<svg") || svg.text.hasPrefix("<?xml"))

            let bad = try await client.send(
                .post, "/v1/replays", token: harness.viewer,
                json: ReplayRequest(model: "sd21", patterns: ["sawtooth:1"]))
            #expect(bad.status == .unprocessableContent)
            #expect(bad.headers[.contentType] == "application/problem+json")
        }
    }
}

import Foundation
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardFakes
import Testing

/// `switchyard serve --demo` watching the fake Kubernetes API server: a Karpenter interruption warning injected while
/// it runs moves the warned node's unit's share of traffic in the pushed Ingress and is audited with its evidence.
@Suite("Process: interruption warnings", .serialized)
struct InterruptionWarningProcessTests {
    let adminToken = "sy_process_test_admin_secret_0123456789"

    static func object(_ members: [(String, JSONValue)]) -> JSONValue { .object(members.map { .init($0.0, $0.1) }) }

    /// The ALB weight of `service` in the Ingress the files applier wrote under `directory`.
    static func weight(of service: String, under directory: URL) -> Int? {
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL } ?? []
        for file in files where file.pathExtension == "yaml" {
            guard let text = try? String(contentsOf: file, encoding: .utf8), text.contains("kind: Ingress") else { continue }
            let plain = text.replacingOccurrences(of: "\\", with: "").replacingOccurrences(of: "\"", with: "")
            for group in plain.split(separator: "{") where group.contains("serviceName:\(service),") {
                if let match = group.firstMatch(of: /weight:(\d+)/) { return Int(match.output.1) }
            }
        }
        return nil
    }

    @Test("a SpotInterrupted event on a node of sd21-inf2 moves its share within seconds, audited with the event")
    func injectedWarning() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-warning-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let server = FakeKubernetesAPIServer()
        let url = try await server.start()
        let kubeconfig = directory.appendingPathComponent("kubeconfig")
        try FakeKubernetesAPIServer.writeKubeconfig(server: url, to: kubeconfig)
        let nodes = ResourcePath(group: "", version: "v1", resource: "nodes")
        let pods = ResourcePath(group: "", version: "v1", resource: "pods", namespace: "sd21")
        try await server.store.put(Self.object([
            ("apiVersion", .string("v1")), ("kind", .string("Node")),
            ("metadata", Self.object([("name", .string("ip-10-0-3-7")), ("labels", Self.object([
                (RenderLabels.pool, .string("amd-neuron")), (RenderLabels.capacityType, .string("spot")),
                ("node.kubernetes.io/instance-type", .string("inf2.xlarge")),
            ]))])),
        ]), at: nodes.named("ip-10-0-3-7"))
        for (pod, node) in [("sd21-inf2-a", "ip-10-0-3-7"), ("sd21-inf2-b", "ip-10-0-3-8")] {
            try await server.store.put(Self.object([
                ("apiVersion", .string("v1")), ("kind", .string("Pod")),
                ("metadata", Self.object([
                    ("name", .string(pod)), ("namespace", .string("sd21")),
                    ("labels", Self.object([(RenderLabels.unit, .string("sd21-inf2"))])),
                ])),
                ("spec", Self.object([("nodeName", .string(node))])),
                ("status", Self.object([("phase", .string("Running"))])),
            ]), at: pods.named(pod))
        }
        let push = directory.appendingPathComponent("manifests")
        let service: ServiceProcess
        do {
            service = try await ServiceProcess(
                databasePath: directory.appendingPathComponent("switchyard.db").path, adminToken: adminToken,
                extraArguments: ["--demo", "--kubeconfig", kubeconfig.path, "--push-dir", push.path])
        } catch {
            await server.stop()
            throw error
        }
        // The service goes first: the fake server's stop waits for the service's watches to end.
        do {
            try await Self.injectAndCheck(service: service, server: server, push: push)
        } catch {
            _ = service.terminate()
            await server.stop()
            throw error
        }
        _ = service.terminate()
        await server.stop()
    }

    static func injectAndCheck(service: ServiceProcess, server: FakeKubernetesAPIServer, push: URL) async throws {
        let (_, applied) = try await service.request("POST", "/v1/apply")
        #expect(applied == 200, "log:\n\(service.log())")
        let before = try #require(Self.weight(of: "sd21-inf2", under: push))
        #expect(before > 0)

        let deadline = ContinuousClock.now + .seconds(60)
        while await server.store.openWatchCount < 1, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        // The event watch is open; give the pending-pods watch its turn as well.
        try await Task.sleep(for: .milliseconds(500))
        let warned = ContinuousClock.now
        try await server.store.recordEvent(
            involvedObject: ObjectIdentity(apiVersion: "v1", kind: "Node", namespace: nil, name: "ip-10-0-3-7"),
            reason: "SpotInterrupted", message: "Spot interruption warning was triggered")
        var after: Int?
        while ContinuousClock.now < warned + .seconds(30) {
            after = Self.weight(of: "sd21-inf2", under: push)
            if after == before / 2 { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        // One of sd21-inf2's two running pods is on the node: half its weight moves.
        #expect(after == before / 2, "log:\n\(service.log())")
        // The goal is 2 s from the event to the weights; the bound leaves room for a loaded test machine.
        #expect(ContinuousClock.now - warned < .seconds(10))

        let (data, status) = try await service.request("GET", "/v1/audit?kind=node-warning")
        #expect(status == 200)
        let page = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let events = page?["items"] as? [[String: Any]] ?? []
        #expect(events.count == 1)
        #expect((events.first?["name"] as? String) == "ip-10-0-3-7")
        #expect((events.first?["reason"] as? String)?.contains("SpotInterrupted on ip-10-0-3-7 in pool amd-neuron") == true)
        let evidence = String(describing: events.first?["after"] ?? "")
        #expect(evidence.contains("Spot interruption warning was triggered"))
    }
}

import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

/// The demo fleet in an in-memory store, shaped for one applier.
enum ControlFixtures {
    static let context = ChangeContext(actor: "ops", requestID: "req-apply", reason: "test")
    static let listenerARN = "arn:aws:elasticloadbalancing:us-west-2:123456789012:listener/app/sd21/50dc6c495c0c9188/f2f7dc8efc522ab2"

    /// The demo fleet with `sd21` pushed by `applier`; for `elbv2`, each unit gets a target group ARN from
    /// `targetGroupARNs` (by unit name, else a made-up one) and the model the listener.
    static func fleet(applier: ApplierKind, listenerARN: String = listenerARN, targetGroupARNs: [String: String] = [:]) -> Fleet {
        var fleet = DemoFleet.fleet
        fleet.models = fleet.models.map { model in
            var model = model
            model.routing.applier = applier
            if applier == .elbv2 { model.routing.listenerARN = listenerARN }
            return model
        }
        if applier == .elbv2 {
            fleet.units = fleet.units.map { unit in
                var unit = unit
                unit.targetGroupARN = targetGroupARNs[unit.name]
                    ?? "arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/\(unit.name)/0123456789abcdef"
                return unit
            }
        }
        return fleet
    }

    static func database(_ fleet: Fleet) async throws -> AppDatabase {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(fleet, dryRun: false, context: ChangeContext(actor: "seed", requestID: "req-seed"))
        return database
    }

    /// An empty directory under the system's temporary directory.
    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-apply-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every regular file under `directory`, as `/`-separated relative paths.
    static func files(under directory: URL) -> Set<String> {
        guard let enumerator = FileManager.default.enumerator(atPath: directory.path) else { return [] }
        var paths: Set<String> = []
        while let path = enumerator.nextObject() as? String {
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                paths.insert(path)
            }
        }
        return paths
    }

    static func pushEvents(_ database: AppDatabase) async throws -> [AuditEvent] {
        try await database.auditEvents(AuditFilter(kind: .push)).items
    }

    /// The plan's weight per target group ARN, for units that have one.
    static func planWeights(_ desired: DesiredState, fleet: Fleet, model: String = "sd21") throws -> [String: Int] {
        let plan = try #require(desired.plan(for: model))
        var weights: [String: Int] = [:]
        for unit in fleet.units where unit.model == model {
            if let arn = unit.targetGroupARN, plan.entries.contains(where: { $0.unit == unit.name }) {
                weights[arn] = plan.weight(of: unit.name)
            }
        }
        return weights
    }
}

/// A fake API server on loopback with a live client pointed at it, torn down after `body`.
func withFakeCluster<T>(
    retryPolicy: RetryPolicy = .none, store: KubernetesObjectStore = KubernetesObjectStore(),
    _ body: (FakeKubernetesAPIServer, LiveKubernetesClient) async throws -> T
) async throws -> T {
    let server = FakeKubernetesAPIServer(store: store)
    let url = try await server.start()
    let client = try LiveKubernetesClient(
        configuration: KubernetesClientConfiguration(server: url, credentials: .token("test-token")),
        retryPolicy: retryPolicy, requestTimeout: .seconds(10))
    do {
        let result = try await body(server, client)
        try await client.shutdown()
        await server.stop()
        return result
    } catch {
        try? await client.shutdown()
        await server.stop()
        throw error
    }
}

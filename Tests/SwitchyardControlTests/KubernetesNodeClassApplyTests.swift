import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

@Suite("First apply of a fleet whose pools manage their node classes")
struct KubernetesNodeClassApplyTests {
    static var fleet: Fleet {
        var fleet = DemoFleet.fleetWithNodeClasses()
        fleet.models = ControlFixtures.fleet(applier: .kubernetes).models
        return fleet
    }

    @Test("a fresh cluster gets the EC2NodeClasses, cluster-scoped, before the NodePools that reference them")
    func firstApplyCreatesNodeClasses() async throws {
        try await withFakeCluster(store: KubernetesObjectStore(requiresNamespaces: true)) { server, client in
            // What the cluster says to a cluster-scoped object addressed under a namespace.
            let misplaced = ResourcePath(
                group: "karpenter.k8s.aws", version: "v1", resource: "ec2nodeclasses", namespace: DemoFleet.namespace, name: "x")
            await #expect(throws: KubernetesError.self) {
                try await server.store.put(.object([.init("metadata", .object([.init("name", .string("x"))]))]), at: misplaced)
            }

            let database = try await ControlFixtures.database(Self.fleet)
            let service = ApplyService(database: database, appliers: [KubernetesApplier(api: client)])
            let report = try await service.apply(context: ControlFixtures.context)
            #expect(report.succeeded, "\(report.failures)")

            let nodeClasses = ResourcePath(group: "karpenter.k8s.aws", version: "v1", resource: "ec2nodeclasses")
            let live = try await client.list(nodeClasses).items
            #expect(live.compactMap { $0["metadata"]?["name"]?.stringValue } == ["amd-neuron", "gpu-nodes"])
            let neuron = try await client.get(nodeClasses.named("amd-neuron"))
            #expect(neuron["spec"]?["role"]?.stringValue == "KarpenterNodeRole-switchyard-demo")
            #expect(neuron["spec"]?["blockDeviceMappings"]?[0]?["ebs"]?["volumeSize"]?.stringValue == "200Gi")
            let pool = try await client.get(ResourcePath(group: "karpenter.sh", version: "v1", resource: "nodepools", name: "amd-nvidia"))
            #expect(pool["spec"]?["template"]?["spec"]?["nodeClassRef"]?["name"]?.stringValue == "gpu-nodes")

            let patches = await server.receivedRequests().filter { $0.method == "PATCH" }.map(\.path)
            #expect(patches.contains("/apis/karpenter.k8s.aws/v1/ec2nodeclasses/gpu-nodes"))
            let firstPool = try #require(patches.firstIndex { $0.contains("/nodepools/") })
            #expect(patches.lastIndex { $0.contains("/ec2nodeclasses/") } ?? .max < firstPool)
            #expect(try await service.diff().isEmpty)
        }
    }
}

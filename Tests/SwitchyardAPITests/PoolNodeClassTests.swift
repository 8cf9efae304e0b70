import Foundation
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Pools with node classes over HTTP")
struct PoolNodeClassTests {
    static func pool(_ name: String, _ nodeClass: PoolNodeClass?) -> CapacityPool {
        var pool = DemoFleet.pools.first { $0.name == name } ?? CapacityPool(name: name, gpuNames: ["l4"])
        pool.nodeClass = nodeClass
        return pool
    }

    @Test("a pool's node class round-trips through PUT and GET, JSON and YAML, and shows in the export and manifests")
    func roundTrip() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            for (name, nodeClass) in DemoFleet.nodeClasses() {
                let created = try await client.send(.put, "/v1/pools/\(name)", token: harness.operatorToken, json: Self.pool(name, nodeClass))
                #expect(created.status == .created, "\(created.text)")
                #expect(try created.decode(CapacityPool.self).nodeClass == nodeClass)
                let read = try await client.send(.get, "/v1/pools/\(name)", token: harness.viewer)
                #expect(try read.decode(CapacityPool.self) == Self.pool(name, nodeClass))
            }
            let yaml = """
                name: spot-gpu
                gpuNames: [l4]
                nodeClass:
                  existing: gpu-nodes
                """
            let shared = try await client.send(
                .put, "/v1/pools/spot-gpu", token: harness.operatorToken, body: yaml, contentType: "application/yaml")
            #expect(shared.status == .created, "\(shared.text)")
            #expect(try shared.decode(CapacityPool.self).nodeClass == .existing("gpu-nodes"))

            let exported = try await client.send(.get, "/v1/export", token: harness.viewer).decode(Fleet.self)
            #expect(exported.pools.map(\.nodeClass) == [DemoFleet.nodeClasses()["amd-neuron"], DemoFleet.nodeClasses()["amd-nvidia"], .existing("gpu-nodes")])

            let manifests = try await client.send(.get, "/v1/manifests", token: harness.viewer, headers: ["Accept": "application/json"])
            let objects = try #require(try JSONSerialization.jsonObject(with: Data(buffer: manifests.body)) as? [[String: Any]])
            let nodeClasses = objects.filter { $0["kind"] as? String == "EC2NodeClass" }
            #expect(nodeClasses.compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String } == ["amd-neuron", "gpu-nodes"])
        }
    }

    @Test(
        "an invalid node class answers 422 naming the field, and nothing is stored",
        arguments: [
            (#"{"role": "r", "instanceProfile": "p", "subnetSelectorTerms": [{"id": "subnet-1"}], "securityGroupSelectorTerms": [{"id": "sg-1"}]}"#,
             "nodeClass.instanceProfile"),
            (#"{"role": "r", "amiSelectorTerms": [{"id": "ami-1"}], "subnetSelectorTerms": [{"id": "subnet-1"}], "securityGroupSelectorTerms": [{"id": "sg-1"}]}"#,
             "nodeClass.amiFamily"),
            (#"{"role": "r", "subnetSelectorTerms": [], "securityGroupSelectorTerms": [{"id": "sg-1"}]}"#, "nodeClass.subnetSelectorTerms"),
            (#"{"role": "r", "subnetSelectorTerms": [{"id": "subnet-1"}], "securityGroupSelectorTerms": [{"id": "sg-1"}], "blockDeviceMappings": [{"deviceName": "/dev/xvda", "ebs": {"volumeSize": "200GB"}}]}"#,
             "nodeClass.blockDeviceMappings[0].ebs.volumeSize"),
            (#"{"existing": "Not_A_Name"}"#, "nodeClass.existing"),
        ])
    func invalidIsRefused(nodeClass: String, field: String) async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let body = #"{"name": "amd-neuron", "instanceFamilies": ["inf2"], "nodeClass": \#(nodeClass)}"#
            let response = try await client.send(.put, "/v1/pools/amd-neuron", token: harness.operatorToken, body: body, contentType: "application/json")
            #expect(response.status == .unprocessableContent, "\(response.text)")
            let problem = try response.problem()
            #expect(problem.field == field, "\(response.text)")
            #expect(try await client.send(.get, "/v1/pools/amd-neuron", token: harness.viewer).status == .notFound)
        }
    }

    @Test("existing beside the fields of a managed node class, or an unknown field, answers 400 naming nodeClass")
    func mixedShapesAreRefused() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            for nodeClass in [#"{"existing": "default", "role": "r"}"#, #"{"role": "r", "subnets": []}"#] {
                let body = #"{"name": "amd-neuron", "nodeClass": \#(nodeClass)}"#
                let response = try await client.send(.put, "/v1/pools/amd-neuron", token: harness.operatorToken, body: body, contentType: "application/json")
                #expect(response.status == .badRequest, "\(response.text)")
                #expect(try response.problem().field?.hasPrefix("nodeClass") == true, "\(response.text)")
            }
            #expect(try await client.send(.get, "/v1/pools/amd-neuron", token: harness.viewer).status == .notFound)
        }
    }

    @Test("a second pool managing a node class of the same name answers 422; referencing it is fine")
    func oneManagerPerName() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let nvidia = DemoFleet.nodeClasses()["amd-nvidia"]
            _ = try await client.send(.put, "/v1/pools/amd-nvidia", token: harness.operatorToken, json: Self.pool("amd-nvidia", nvidia))
            guard case .managed(let spec, _)? = nvidia else {
                Issue.record("the demo's amd-nvidia node class is not managed")
                return
            }
            let clash = try await client.send(
                .put, "/v1/pools/gpu-nodes", token: harness.operatorToken, json: Self.pool("gpu-nodes", .managed(spec)))
            #expect(clash.status == .unprocessableContent)
            let problem = try clash.problem()
            #expect(problem.field == "nodeClass")
            #expect(problem.detail?.contains("reference it with existing: gpu-nodes") == true)
            let reference = try await client.send(
                .put, "/v1/pools/gpu-nodes", token: harness.operatorToken, json: Self.pool("gpu-nodes", .existing("gpu-nodes")))
            #expect(reference.status == .created)
        }
    }
}

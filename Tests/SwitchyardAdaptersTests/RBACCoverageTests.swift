import Foundation
import SwitchyardAdapters
import SwitchyardCore
import Testing

/// deploy/kubernetes/rbac.yaml against what Switchyard renders: the applier patches each object at the resource its
/// kind maps to, and reads it back for drift, so the ClusterRole must grant both for every kind.
@Suite("RBAC covers every rendered kind")
struct RBACCoverageTests {
    static let rbac = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("deploy/kubernetes/rbac.yaml")

    @Test("the ClusterRole lets Switchyard patch, get, list and watch each kind it renders, node classes included")
    func clusterRoleCoversRenderedKinds() throws {
        let documents = try ManifestSerializer.documents(from: String(contentsOf: Self.rbac, encoding: .utf8))
        let role = try #require(documents.first { $0["kind"]?.stringValue == "ClusterRole" })
        guard case .array(let rules)? = role["rules"] else {
            Issue.record("the ClusterRole has no rules")
            return
        }
        func strings(_ value: JSONValue?) -> [String] {
            guard case .array(let items)? = value else { return [] }
            return items.compactMap(\.stringValue)
        }
        var granted: [String: Set<String>] = [:]
        for rule in rules {
            for group in strings(rule["apiGroups"]) {
                for resource in strings(rule["resources"]) {
                    granted["\(group)/\(resource)", default: []].formUnion(strings(rule["verbs"]))
                }
            }
        }

        var fleet = DemoFleet.fleetWithNodeClasses()
        // A second model on KServe behind an HTTPRoute, so those kinds are rendered too.
        var kserve = fleet.models[0]
        kserve.name = "sd21-kserve"
        kserve.routing.workload = .kserve
        kserve.routing.router = .gatewayAPI
        kserve.routing.gateway = GatewayReference(name: "shared", namespace: "gateways")
        fleet.models.append(kserve)
        fleet.units += fleet.units.map { unit in
            var copy = unit
            copy.name = "k-" + unit.name
            copy.model = kserve.name
            copy.kubernetes.deployment = "k-" + unit.kubernetes.deployment
            copy.kubernetes.service = "k-" + unit.kubernetes.service
            return copy
        }
        let desired = DesiredStateBuilder().build(fleet: fleet)
        let resources = Set(try desired.manifests.objects.map { object in
            let path = try #require(ResourcePath(object: try object.jsonValue()))
            return "\(path.group)/\(path.resource)"
        })
        #expect(resources.contains("karpenter.k8s.aws/ec2nodeclasses"))
        #expect(resources.contains("serving.kserve.io/inferenceservices"))
        #expect(resources.contains("gateway.networking.k8s.io/httproutes"))
        for resource in resources.sorted() {
            let verbs = granted[resource] ?? []
            #expect(verbs.isSuperset(of: ["get", "list", "watch", "patch"]), "\(resource): \(verbs.sorted())")
        }
    }
}

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

        let desired = DesiredStateBuilder().build(fleet: DemoFleet.fleetWithNodeClasses())
        let resources = Set(try desired.manifests.objects.map { object in
            let path = try #require(ResourcePath(object: try object.jsonValue()))
            return "\(path.group)/\(path.resource)"
        })
        #expect(resources.contains("karpenter.k8s.aws/ec2nodeclasses"))
        for resource in resources.sorted() {
            let verbs = granted[resource] ?? []
            #expect(verbs.isSuperset(of: ["get", "list", "watch", "patch"]), "\(resource): \(verbs.sorted())")
        }
    }
}

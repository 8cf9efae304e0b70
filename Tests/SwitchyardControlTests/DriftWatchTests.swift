import Foundation
@testable import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

@Suite("Drift judged from watched objects")
struct DriftWatchTests {
    static let scaledObjects = ResourcePath(group: "keda.sh", version: "v1alpha1", resource: "scaledobjects")

    @Test("drift passes list each kind once and then read the watch cache, not one GET per object; a hand edit is restored and audited with its field manager")
    func driftFromCache() async throws {
        try await withFakeCluster { server, client in
            let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .kubernetes))
            let applier = KubernetesApplier(api: client, cache: KubernetesObjectCache(api: client))
            let service = ApplyService(database: database, appliers: [applier])
            _ = try await service.apply(context: ControlFixtures.context)
            let corrector = DriftCorrector(applyService: service)

            await server.clearReceivedRequests()
            let first = try await corrector.correctOnce()
            #expect(first.corrections.isEmpty)
            let objects = try await database.appliedObjects(target: "kubernetes").count
            #expect(first.checked == objects)
            var requests = await server.receivedRequests()
            #expect(requests.filter { $0.method == "GET" && $0.query["watch"] == nil && $0.path.split(separator: "/").count > 5 }.isEmpty,
                    "no GET of single objects")
            let lists = requests.filter { $0.method == "GET" && $0.query["watch"] == nil }
            #expect(lists.allSatisfy { $0.query["labelSelector"] == "app.kubernetes.io/managed-by=switchyard" })
            #expect(Set(lists.map(\.path)).count == lists.count, "each kind listed once")

            // Someone edits a ScaledObject with kubectl; the cache hears of it through its watch.
            let name = try #require(await server.store.list(Self.scaledObjects).items.first?["metadata"]?["name"]?.stringValue)
            let namespace = try #require(await server.store.list(Self.scaledObjects).items.first?["metadata"]?["namespace"]?.stringValue)
            let path = ResourcePath(group: "keda.sh", version: "v1alpha1", resource: "scaledobjects", namespace: namespace, name: name)
            let live = try await server.store.get(path)
            let edited = live.settingMaxReplicas(99)
            _ = try await server.store.update(edited, at: path, fieldManager: "kubectl-edit")
            #expect(try await FailoverLoopTests.eventually {
                let report = try await corrector.correctOnce()
                return !report.corrections.isEmpty
                    && report.corrections.allSatisfy { $0.fieldManagers == ["kubectl-edit"] && $0.restoredSuccessfully }
            })
            requests = await server.receivedRequests()
            #expect(requests.filter { $0.method == "GET" && $0.query["watch"] == nil }.count == lists.count, "no list or GET since")
            let restored = try await server.store.get(path)
            #expect(restored["spec"]?["maxReplicaCount"] == live["spec"]?["maxReplicaCount"])
            let audit = try await ControlFixtures.pushEvents(database).filter { $0.action == .driftCorrected }
            #expect(audit.count == 1)
            #expect(audit.first?.reason?.contains("by field manager kubectl-edit") == true)
        }
    }

    @Test("managed fields name the other manager of a changed path, down to a leaf it owns whole")
    func ownership() {
        let object = JSONValue.object([
            .init("metadata", .object([
                .init("managedFields", .array([
                    .object([.init("manager", .string("switchyard")), .init("fieldsV1", .object([
                        .init("f:spec", .object([.init("f:maxReplicaCount", .object([]))])),
                    ]))]),
                    .object([.init("manager", .string("kubectl-edit")), .init("fieldsV1", .object([
                        .init("f:spec", .object([.init("f:maxReplicaCount", .object([])), .init("f:triggers", .object([]))])),
                        .init("f:metadata", .object([.init("f:labels", .object([.init("f:app.kubernetes.io/name", .object([]))]))])),
                    ]))]),
                ])),
            ])),
        ])
        func managers(_ fields: [String]) -> [String] {
            FieldOwnership.managers(of: object, owning: fields, except: "switchyard")
        }
        #expect(managers(["spec.maxReplicaCount"]) == ["kubectl-edit"])
        #expect(managers(["spec.triggers[0].metadata.value"]) == ["kubectl-edit"])
        #expect(managers(["metadata.labels[\"app.kubernetes.io/name\"]"]) == ["kubectl-edit"])
        #expect(managers(["spec.minReplicaCount"]).isEmpty)
        #expect(FieldOwnership.keys(of: "metadata.labels[\"app.kubernetes.io/name\"].x") == ["metadata", "labels", "app.kubernetes.io/name", "x"])
    }
}

extension JSONValue {
    func settingMaxReplicas(_ count: Int) -> JSONValue {
        guard case .object(var members) = self, let index = members.firstIndex(where: { $0.key == "spec" }),
              case .object(var spec) = members[index].value
        else { return self }
        if let field = spec.firstIndex(where: { $0.key == "maxReplicaCount" }) {
            spec[field].value = .integer(count)
        } else {
            spec.append(.init("maxReplicaCount", .integer(count)))
        }
        members[index].value = .object(spec)
        return .object(members)
    }
}

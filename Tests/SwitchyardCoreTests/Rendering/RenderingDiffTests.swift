import SwitchyardCore
import Testing

@Suite("Rendering: manifest diff")
struct RenderingDiffTests {
    let renderer = ManifestRenderer()

    @Test func noChangeIsAnEmptyDiff() throws {
        let objects = renderer.render(RenderingFixtures.input()).objects
        let diff = try ManifestDiff(lastApplied: objects, desired: objects)
        #expect(diff.isEmpty)
        // The same objects read back from YAML (keys in any order) are no change either.
        let readBack = try ManifestSerializer.documents(from: try ManifestSerializer.yaml(objects))
        let generic = try ManifestDiff(lastAppliedDocuments: readBack.reversed(), desiredDocuments: objects.map { try $0.jsonValue() })
        #expect(generic.isEmpty)
    }

    @Test func oneWeightChangeIsExactlyThatField() throws {
        let before = renderer.render(RenderingFixtures.input()).objects
        var weights = RenderingFixtures.weights
        weights["sd21-g5-cuda"] = 5
        weights["sd21-inf2"] = 50
        let after = renderer.render(RenderingFixtures.input(plan: RenderingFixtures.plan(weights: weights))).objects

        let diff = try ManifestDiff(lastApplied: before, desired: after)
        let change = try #require(diff.changes.first)
        #expect(diff.changes.count == 1)
        #expect(change.action == .changed)
        #expect(change.identity == ObjectIdentity(apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "sd21", name: "sd21"))
        // Target groups are ordered by Service name: g5-cuda, g5-triton, g6-triton, inf2, trn1.
        let prefix = #"metadata.annotations["alb.ingress.kubernetes.io/actions.sd21-weighted"].forwardConfig.targetGroups"#
        #expect(change.fields == [
            FieldChange(path: prefix + "[0].weight", old: .integer(15), new: .integer(5)),
            FieldChange(path: prefix + "[3].weight", old: .integer(40), new: .integer(50)),
        ])
    }

    @Test func addedAndRemovedObjectsAreListedWhole() throws {
        let objects = renderer.render(RenderingFixtures.input()).objects
        let withoutFirst = Array(objects.dropFirst())
        let added = try ManifestDiff(lastApplied: withoutFirst, desired: objects)
        #expect(added.changes.map(\.action) == [.added])
        #expect(added.changes.first?.identity == objects.first?.identity)
        #expect(added.changes.first?.after == (try objects.first?.jsonValue()))

        let removed = try ManifestDiff(lastApplied: objects, desired: withoutFirst)
        #expect(removed.changes.map(\.action) == [.removed])
        #expect(removed.changes.first?.before != nil)
    }

    @Test func scalarAndListChangesNameTheirPaths() throws {
        let before = renderer.render(RenderingFixtures.input()).objects
        var settings = RenderSettings(targetUtilization: 0.5)
        settings.ingress.healthCheckPath = "/ping"
        let after = renderer.render(RenderingFixtures.input(settings: settings)).objects
        let diff = try ManifestDiff(lastApplied: before, desired: after)
        let paths = diff.changes.flatMap(\.fields).map(\.path)
        #expect(paths.contains("spec.triggers[0].metadata.targetMetricValue"))
        #expect(paths.contains(#"metadata.annotations["alb.ingress.kubernetes.io/healthcheck-path"]"#))
        // Five ScaledObjects and one Ingress change; Deployments, Services and NodePools do not.
        #expect(diff.changes.count == 6)
        #expect(diff.changes.allSatisfy { $0.action == .changed })
    }

    @Test func documentsWithoutIdentityAreRejected() {
        #expect(throws: RenderingError.self) {
            try ManifestDiff(lastAppliedDocuments: [.object([JSONValue.Member("kind", .string("Service"))])], desiredDocuments: [])
        }
    }
}

import Foundation
import SwitchyardCore
import Testing

/// The demo fleet's manifests, locked as golden files in Tests/SwitchyardCoreTests/Golden.
/// Run with SWITCHYARD_UPDATE_GOLDEN=1 to rewrite them after an intended change, then review the diff.
@Suite("Rendering: demo fleet goldens", .serialized)
struct RenderingGoldenTests {
    static let goldenDirectory = URL(fileURLWithPath: #filePath).resolvingSymlinksInPath()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static func demoInput(strategy: StrategyKind, fleet: Fleet = DemoFleet.fleet, settings: RenderSettings = RenderSettings()) -> RenderInput {
        let planner = RoutingPlanner()
        let planning = fleet.models.map { PlanningInput(fleet: fleet, model: $0, strategy: strategy) }
        let ratings = planning.flatMap { planner.ratings($0).values }.sorted { $0.unit < $1.unit }
        return RenderInput(fleet: fleet, ratings: ratings, plans: planning.map(planner.plan), settings: settings)
    }

    static func assertGolden(_ name: String, _ text: String) throws {
        let file = goldenDirectory.appendingPathComponent(name)
        if ProcessInfo.processInfo.environment["SWITCHYARD_UPDATE_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(at: goldenDirectory, withIntermediateDirectories: true)
            try text.write(to: file, atomically: true, encoding: .utf8)
            return
        }
        guard let golden = try? String(contentsOf: file, encoding: .utf8) else {
            Issue.record("no golden file \(file.path); run with SWITCHYARD_UPDATE_GOLDEN=1 and review it")
            return
        }
        #expect(text == golden, "rendered output differs from \(name)")
    }

    @Test func costOptimizedDemoManifests() async throws {
        let rendered = ManifestRenderer().render(Self.demoInput(strategy: .cost))
        #expect(rendered.warnings.isEmpty, "\(rendered.warnings)")
        let yaml = try ManifestSerializer.yaml(rendered.objects)
        try Self.assertGolden("demo-cost.yaml", yaml)
        let outcome = try await RenderingValidationTests.validate(yaml)
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func capacityOptimizedDemoManifests() async throws {
        let settings = RenderSettings(routingModes: ["sd21": .singleService])
        let rendered = ManifestRenderer().render(Self.demoInput(strategy: .capacity, settings: settings))
        #expect(rendered.warnings.isEmpty, "\(rendered.warnings)")
        let yaml = try ManifestSerializer.yaml(rendered.objects)
        try Self.assertGolden("demo-capacity.yaml", yaml)
        let outcome = try await RenderingValidationTests.validate(yaml)
        #expect(outcome.status == 0, "\(outcome.output)")
    }

    @Test func onePriceChangeMovesExactlyTheWeightFields() throws {
        let before = Self.demoInput(strategy: .cost)
        var fleet = DemoFleet.fleet
        let index = try #require(fleet.instanceTypes.firstIndex { $0.name == "g6.xlarge" })
        fleet.instanceTypes[index].prices[0].hourlyUSD = 0.6
        let after = Self.demoInput(strategy: .cost, fleet: fleet)

        let oldPlan = try #require(before.plans.first)
        let newPlan = try #require(after.plans.first)
        // Target groups are ordered by Service name; the demo's Service names are its unit names.
        let serviceOrder = DemoFleet.units.map(\.name).sorted()
        let prefix = #"metadata.annotations["alb.ingress.kubernetes.io/actions.sd21-weighted"].forwardConfig.targetGroups"#
        let expected = serviceOrder.enumerated().compactMap { index, unit -> FieldChange? in
            let old = oldPlan.weight(of: unit), new = newPlan.weight(of: unit)
            return old == new ? nil : FieldChange(path: "\(prefix)[\(index)].weight", old: .integer(old), new: .integer(new))
        }
        #expect(!expected.isEmpty, "the price change should move some weight")

        let diff = try ManifestDiff(
            lastApplied: ManifestRenderer().render(before).objects, desired: ManifestRenderer().render(after).objects)
        #expect(diff.changes.map(\.identity.kind) == ["Ingress"])
        #expect(diff.changes.first?.fields == expected)
    }
}

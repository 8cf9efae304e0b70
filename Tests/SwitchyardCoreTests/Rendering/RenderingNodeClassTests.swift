import Foundation
import SwitchyardCore
import Testing

@Suite("Rendering: a node class per pool", .serialized)
struct RenderingNodeClassTests {
    static func input(pools: [CapacityPool], settings: RenderSettings = RenderSettings()) -> RenderInput {
        var input = RenderingFixtures.input(settings: settings)
        input.pools = pools
        return input
    }

    static func pools(_ nodeClasses: [String: PoolNodeClass]) -> [CapacityPool] {
        RenderingFixtures.pools.map { pool in
            var pool = pool
            pool.nodeClass = nodeClasses[pool.name]
            return pool
        }
    }

    static let globalDefault = NodeClassSettings(managed: ManagedNodeClass(
        role: "KarpenterNodeRole-demo", subnetSelectorTerms: [.init(tags: ["karpenter.sh/discovery": "demo"])],
        securityGroupSelectorTerms: [.init(tags: ["karpenter.sh/discovery": "demo"])]))

    @Test("each managed node class is rendered under its name, before the NodePools, which reference it")
    func managedPerPool() throws {
        let rendered = ManifestRenderer().render(Self.input(
            pools: Self.pools(DemoFleet.nodeClasses()), settings: RenderSettings(nodeClass: Self.globalDefault)))
        #expect(rendered.warnings.isEmpty, "\(rendered.warnings)")
        // Every pool has its own, so the default node class is not rendered.
        #expect(rendered.nodeClasses.map(\.metadata.name) == ["amd-neuron", "gpu-nodes"])
        let references = Dictionary(uniqueKeysWithValues: rendered.nodePools.map { ($0.metadata.name, $0.spec.template.spec.nodeClassRef.name) })
        #expect(references == ["amd-neuron": "amd-neuron", "amd-nvidia": "gpu-nodes"])
        let kinds = rendered.objects.map(\.kind).filter { $0 != "Namespace" }
        #expect(Array(kinds.prefix(4)) == ["EC2NodeClass", "EC2NodeClass", "NodePool", "NodePool"])

        let neuron = try #require(rendered.nodeClasses.first)
        #expect(neuron.metadata.labels?[RenderLabels.managedBy] == RenderLabels.managedByValue)
        #expect(neuron.metadata.namespace == nil)
        #expect(neuron.spec.role == "KarpenterNodeRole-switchyard-demo")
        #expect(neuron.spec.instanceProfile == nil)
        #expect(neuron.spec.amiSelectorTerms == [EC2NodeClass.AMISelectorTerm(alias: "al2023@latest")])
        #expect(neuron.spec.subnetSelectorTerms == [EC2NodeClass.SelectorTerm(tags: ["karpenter.sh/discovery": "switchyard-demo"])])
        #expect(neuron.spec.blockDeviceMappings == [BlockDeviceMapping(
            deviceName: "/dev/xvda", rootVolume: true, ebs: .init(volumeSize: "200Gi", volumeType: .gp3, encrypted: true))])
        let gpu = try #require(rendered.nodeClasses.last)
        #expect(gpu.spec.role == nil)
        #expect(gpu.spec.instanceProfile == "KarpenterNodeInstanceProfile-switchyard-demo")
        #expect(gpu.spec.securityGroupSelectorTerms == [EC2NodeClass.SelectorTerm(id: "sg-0123456789abcdef0")])
    }

    @Test("an existing node class is referenced and not rendered; a pool without one falls back to the default")
    func existingAndFallback() throws {
        let pools = Self.pools(["amd-neuron": .existing("team-nodes")])
        let unmanaged = ManifestRenderer().render(Self.input(pools: pools))
        #expect(unmanaged.nodeClasses.isEmpty)
        #expect(unmanaged.nodePools.map(\.spec.template.spec.nodeClassRef.name) == ["team-nodes", "default"])

        let managedDefault = ManifestRenderer().render(Self.input(pools: pools, settings: RenderSettings(nodeClass: Self.globalDefault)))
        #expect(managedDefault.nodeClasses.map(\.metadata.name) == ["default"])
        #expect(managedDefault.nodePools.map(\.spec.template.spec.nodeClassRef.name) == ["team-nodes", "default"])
    }

    @Test("a name managed twice with different specs renders the default's and says so; the same spec renders once")
    func conflictingNames() throws {
        var pool = try #require(Self.globalDefault.managed)
        pool.tags = ["team": "ml"]
        let conflicting = ManifestRenderer().render(Self.input(
            pools: Self.pools(["amd-neuron": .managed(pool, name: "default")]), settings: RenderSettings(nodeClass: Self.globalDefault)))
        #expect(conflicting.nodeClasses.map(\.spec.tags) == [nil])
        #expect(conflicting.warnings.map(\.kind) == [.nodeClassConflict])
        #expect(conflicting.warnings.first?.subject == "default")

        let shared = ManifestRenderer().render(Self.input(
            pools: Self.pools(["amd-neuron": .managed(try #require(Self.globalDefault.managed), name: "default")]),
            settings: RenderSettings(nodeClass: Self.globalDefault)))
        #expect(shared.nodeClasses.count == 1)
        #expect(shared.warnings.isEmpty)
    }

    @Test("a model's objects carry the node classes of the pools its units run on")
    func perModelObjects() throws {
        let rendered = ManifestRenderer().render(Self.input(pools: Self.pools(DemoFleet.nodeClasses())))
        let objects = rendered.objects(forModel: "sd21")
        #expect(objects.filter { $0.kind == "EC2NodeClass" }.map(\.metadata.name) == ["amd-neuron", "gpu-nodes"])

        var units = RenderingFixtures.units.filter { $0.pool == "amd-neuron" }
        units[0].model = "other"
        var input = Self.input(pools: Self.pools(DemoFleet.nodeClasses()))
        input.units = units
        let other = ManifestRenderer().render(input).objects(forModel: "other")
        #expect(other.filter { $0.kind == "EC2NodeClass" }.map(\.metadata.name) == ["amd-neuron"])
    }

    /// The demo fleet's node classes and NodePools, locked as a golden file and checked against the CRDs and their
    /// CEL rules (role or instance profile, selector terms, AMI alias, root volume).
    @Test func demoNodeClassesGolden() async throws {
        let rendered = ManifestRenderer().render(RenderingGoldenTests.demoInput(strategy: .cost, fleet: DemoFleet.fleetWithNodeClasses()))
        #expect(rendered.warnings.isEmpty, "\(rendered.warnings)")
        let objects = rendered.objects.filter { $0.kind == "EC2NodeClass" || $0.kind == "NodePool" }
        let yaml = try ManifestSerializer.yaml(objects)
        try RenderingGoldenTests.assertGolden("demo-node-classes.yaml", yaml)
        let outcome = try await RenderingValidationTests.validate(yaml)
        #expect(outcome.status == 0, "\(outcome.output)")
        #expect(outcome.output.split(separator: "\n").filter { $0.hasPrefix("ok ") }.count == 4, "\(outcome.output)")
    }
}

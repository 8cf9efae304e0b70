import SwitchyardCore
import Testing

@Suite("Desired state")
struct DesiredStateTests {
    let builder = DesiredStateBuilder()

    @Test("the demo fleet plans sd21 with its default strategy and renders every unit")
    func demoFleet() throws {
        let state = builder.build(fleet: DemoFleet.fleet)
        let plan = try #require(state.plan(for: "sd21"))
        #expect(plan.strategy == .cost)
        #expect(plan.entries.map(\.weight).reduce(0, +) == 100)
        #expect(state.ratings.count == 5)
        let deployments = state.manifests.objects.filter { $0.kind == "Deployment" }
        #expect(deployments.count == 5)
        #expect(state.manifests.objects.filter { $0.kind == "NodePool" }.count == 2)
    }

    @Test("a strategy override and a short pool change the plan in force")
    func overrides() throws {
        let cost = builder.build(fleet: DemoFleet.fleet)
        let capacity = builder.build(fleet: DemoFleet.fleet, strategies: ["sd21": .capacity], shortPools: ["amd-neuron"])
        let plan = try #require(capacity.plan(for: "sd21"))
        #expect(plan.strategy == .capacity)
        #expect(plan.weight(of: "sd21-inf2") == 0)
        #expect(plan.weight(of: "sd21-trn1") == 0)
        #expect(plan.entries.map(\.weight).reduce(0, +) == 100)
        #expect(cost.plan(for: "sd21")?.weight(of: "sd21-inf2") ?? 0 > 0)
    }

    @Test("restricting to a model keeps only its objects and the pools it runs on")
    func restrictToModel() throws {
        var fleet = DemoFleet.fleet
        var other = fleet.models[0]
        other.name = "other"
        fleet.models.append(other)
        let state = builder.build(fleet: fleet, models: ["other"])
        #expect(state.plans.map(\.model) == ["other"])
        #expect(state.manifests.objects.allSatisfy { $0.kind == "EC2NodeClass" || $0.metadata.labels?["switchyard.dev/model"] != "sd21" })
        #expect(state.manifests.objects.filter { $0.kind == "Deployment" }.isEmpty)
    }

    @Test("files: one object per file, namespaced or cluster, and the ELBv2 configs")
    func fileLayout() throws {
        var fleet = DemoFleet.fleet
        for index in fleet.units.indices {
            fleet.units[index].targetGroupARN = "arn:aws:elasticloadbalancing:us-west-2:111122223333:targetgroup/\(fleet.units[index].name)/0123456789abcdef"
        }
        let state = builder.build(fleet: fleet)
        let files = try ManifestFileLayout.files(for: state.manifests)
        let paths = Set(files.map(\.path))
        #expect(paths.count == files.count)
        #expect(paths.contains("sd21/deployment-sd21-inf2.yaml"))
        #expect(paths.contains("cluster/nodepool-amd-neuron.yaml"))
        #expect(paths.contains("elbv2/sd21.json"))
        let inf2 = try #require(files.first { $0.path == "sd21/deployment-sd21-inf2.yaml" })
        #expect(inf2.contents.contains("aws.amazon.com/neuron"))
        let forward = try #require(files.first { $0.path == "elbv2/sd21.json" })
        #expect(forward.contents.contains("\"TargetGroupArn\""))
    }
}

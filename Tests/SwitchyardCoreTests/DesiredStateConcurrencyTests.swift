import SwitchyardCore
import Testing

@Suite("Desired state built a chunk per core")
struct DesiredStateConcurrencyTests {
    /// COUNT copies of the demo model, each with the demo's units under its own names and namespace, one with a
    /// unit of an unregistered instance type (a warning of its own), so that the build splits into several chunks.
    static func fleet(models count: Int) -> Fleet {
        let demo = DemoFleet.fleet
        var fleet = Fleet(instanceTypes: demo.instanceTypes, pools: demo.pools)
        for index in 0..<count {
            var model = demo.models[0]
            model.name = "m\(index)"
            if index % 3 == 1 { model.routing.defaultStrategy = .capacity }
            fleet.models.append(model)
            for var unit in demo.units {
                unit.name = "\(model.name)-\(unit.name)"
                unit.model = model.name
                unit.kubernetes = KubernetesNames(namespace: model.name, deployment: unit.name, service: unit.name)
                if index == count / 2, unit.instanceType == "g5.xlarge" { unit.instanceType = "unregistered.xlarge" }
                fleet.units.append(unit)
            }
            fleet.benchmarks += demo.benchmarks.map { run in
                var run = run
                run.unit = "\(model.name)-\(run.unit)"
                return run
            }
        }
        return fleet
    }

    @Test("the same plans, ratings, objects, forward configs and warnings, in the same order, as the one-chunk build",
          arguments: [1, 70, 300])
    func sameAsSerial(models: Int) async {
        let fleet = Self.fleet(models: models)
        let builder = DesiredStateBuilder()
        let serial = builder.build(fleet: fleet, shortPools: ["amd-neuron"])
        let concurrent = await builder.buildConcurrently(fleet: fleet, shortPools: ["amd-neuron"])
        #expect(concurrent == serial)
        #expect(serial.plans.count == models)
        #expect(serial.manifests.objects.filter { $0.kind == "Deployment" }.count >= models * 5 - 2)
        #expect(!serial.manifests.warnings.isEmpty)
    }
}

import SwitchyardCore
import Testing

@Suite("Desired state built a chunk per core")
struct DesiredStateConcurrencyTests {
    /// The demo scaled to `count` models, a third of them on `capacity`, and one with a unit of an unregistered
    /// instance type (a warning of its own), so that the build splits into several chunks.
    static func fleet(models count: Int) -> Fleet {
        var fleet = DemoFleet.scaled(models: count, unitsPerModel: 5)
        for index in fleet.models.indices where index % 3 == 1 { fleet.models[index].routing.defaultStrategy = .capacity }
        let odd = fleet.models[count / 2].name
        if let index = fleet.units.firstIndex(where: { $0.model == odd && $0.instanceType == "g5.xlarge" }) {
            fleet.units[index].instanceType = "unregistered.xlarge"
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

import Foundation

extension DemoFleet {
    /// `models` copies of the demo model (`m00000`, `m00001`, …), each with `unitsPerModel` units cycling over the
    /// demo's five in name order, in a namespace of its own and with their benchmark runs: a large fleet shaped like
    /// the demo, the one `tools/scale_bench.py` imports into a service.
    public static func scaled(models: Int, unitsPerModel: Int) -> Fleet {
        let demo = DemoFleet.fleet
        let templates = demo.units.sorted { $0.name < $1.name }
        let runs = Dictionary(demo.benchmarks.map { ($0.unit, $0) }) { first, _ in first }
        var fleet = Fleet(instanceTypes: demo.instanceTypes, pools: demo.pools)
        for index in 0..<models {
            var model = demo.models[0]
            model.name = String(format: "m%05d", index)
            fleet.models.append(model)
            for slot in 0..<unitsPerModel {
                var unit = templates[slot % templates.count]
                let template = unit.name
                unit.name = "\(model.name)-u\(String(format: "%02d", slot))"
                unit.model = model.name
                unit.kubernetes = KubernetesNames(
                    namespace: model.name, deployment: unit.name, service: unit.name, port: unit.kubernetes.port)
                fleet.units.append(unit)
                if var run = runs[template] {
                    run.unit = unit.name
                    run.id = nil
                    fleet.benchmarks.append(run)
                }
            }
        }
        return fleet
    }
}

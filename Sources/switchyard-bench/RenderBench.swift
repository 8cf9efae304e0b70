import Foundation
import SwitchyardCore

/// The render pipeline at fleet scale, stage by stage, in this process: plan and render a fleet of MODELS copies of
/// the demo model with UNITS units each, encode every object as a tree, and write the manifests stream, the stored
/// texts and one YAML file text per object. `swift run -c release switchyard-bench render [MODELS] [UNITS]`.
///
/// The figures say where a `GET /v1/manifests`, a diff or an apply to files spends its time before any IO.
enum RenderBench {
    static func run(models: Int, unitsPerModel: Int) throws {
        let fleet = DemoFleet.scaled(models: models, unitsPerModel: unitsPerModel)
        print("render bench: \(models) models × \(unitsPerModel) units = \(fleet.units.count) units")
        let builder = DesiredStateBuilder()
        for round in 1...3 {
            print("round \(round):")
            var desired: DesiredState?
            stage("plan and render", count: fleet.units.count, unit: "unit") {
                desired = builder.build(fleet: fleet)
            }
            let objects = desired!.manifests.objects
            var trees: [JSONValue] = []
            try stage("encode trees", count: objects.count, unit: "object") {
                trees = try objects.map { try $0.jsonValue() }
            }
            var bytes = 0
            try stage("manifests stream (YAML)", count: objects.count, unit: "object") {
                bytes = try ManifestSerializer.yaml(values: trees).utf8.count
            }
            print("    \(bytes / 1_000_000) MB of YAML")
            stage("stored texts (compact JSON)", count: objects.count, unit: "object") {
                bytes = trees.reduce(0) { $0 + $1.jsonText(pretty: false).utf8.count }
            }
            try stage("one YAML file per object", count: objects.count, unit: "object") {
                bytes = try trees.reduce(0) { $0 + (try ManifestSerializer.yaml(values: [$1])).utf8.count }
            }
            try stage("trees read back from stored text", count: objects.count, unit: "object") {
                bytes = try trees.reduce(0) { total, tree in
                    if case .object(let members) = try JSONValue(jsonText: tree.jsonText(pretty: false)) { total + members.count } else { total }
                }
            }
        }
    }

    /// Times `body` once and prints its wall time and the time per item.
    static func stage(_ label: String, count: Int, unit: String, _ body: () throws -> Void) rethrows {
        let started = ContinuousClock.now
        try body()
        let elapsed = ContinuousClock.now - started
        let milliseconds = Double(elapsed.components.seconds) * 1_000 + Double(elapsed.components.attoseconds) / 1e15
        print("  \(label.padding(toLength: 34, withPad: " ", startingAt: 0)) \(String(format: "%8.1f", milliseconds)) ms"
            + "  \(String(format: "%6.1f", milliseconds * 1_000 / Double(max(count, 1)))) µs per \(unit)")
    }
}

import ArgumentParser
import Foundation
import SwitchyardCore

/// Replays demand and capacity outages through the planner and the failover decisions, offline, and compares
/// the strategies by cost and by load served.
struct ReplayCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Simulate a demand trace and capacity outages under every routing strategy and compare them.",
        discussion: """
            With --reference, replays the demo's reference scenario (seed 004's Figures 10-11: two daily waves,
            the amd-neuron pool short during the first). Otherwise give --model and a demand (--trace or --pattern).
            Patterns: constant:RPS, ramp:FROM-TO@START-END, diurnal:BASE-PEAK@RISE-FALL, spike:EXTRA@AT/LENGTH,
            noise:FRACTION/SEED. Outages: POOL:FROM-TO[:NODES]. Times: 90s, 30m, 12h, 2d or seconds.
            """
    )

    @Flag(help: "Replay the demo's reference scenario.")
    var reference = false

    @Option(help: "The model to replay.")
    var model: String?

    @Option(help: ArgumentHelp("Demand trace CSV: 'seconds,rps' per line (a header line is allowed).", valueName: "file"))
    var trace: String?

    @Option(help: ArgumentHelp("A generated demand pattern (repeatable; they add up).", valueName: "spec"))
    var pattern: [String] = []

    @Option(help: ArgumentHelp("A pool's shortage window (repeatable).", valueName: "pool:from-to"))
    var outage: [String] = []

    @Option(help: ArgumentHelp("Simulated time (default 2d).", valueName: "duration"))
    var duration: String = "2d"

    @Option(help: ArgumentHelp("Simulation step (default 10s).", valueName: "duration"))
    var step: String = "10s"

    @Option(help: ArgumentHelp("Directory for report.json and timeline.svg.", valueName: "dir"))
    var out: String?

    @OptionGroup var source: FleetSource

    func run() async throws {
        let scenario = try await makeScenario()
        let started = ContinuousClock.now
        let report = try ReplaySimulator().run(scenario)
        let elapsed = ContinuousClock.now - started
        print(ReplayTableRenderer().render(report))
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print("replayed \(scenario.name): \(Int(scenario.durationSeconds / scenario.stepSeconds)) steps × \(report.results.count) strategies in \(String(format: "%.1f", milliseconds)) ms")
        if let out {
            let directory = URL(fileURLWithPath: out, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try Data(ReplayJSONRenderer().render(report).utf8).write(to: directory.appendingPathComponent("report.json"), options: .atomic)
            try Data(ReplaySVGRenderer().render(report).utf8).write(to: directory.appendingPathComponent("timeline.svg"), options: .atomic)
            print("wrote \(directory.appendingPathComponent("report.json").path) and timeline.svg")
        }
    }

    private func makeScenario() async throws -> ReplayScenario {
        if reference {
            guard model == nil, trace == nil, pattern.isEmpty, outage.isEmpty else {
                throw ValidationError("--reference replays the shipped scenario; drop --model, --trace, --pattern and --outage")
            }
            return ReferenceScenario.seed004
        }
        guard let model else { throw ValidationError("give --reference, or --model with --trace or --pattern") }
        let fleet = try await source.load()
        guard fleet.models.contains(where: { $0.name == model }) else { throw ValidationError("unknown model '\(model)'") }
        let durationSeconds = try ReplaySpec.seconds(duration)
        let stepSeconds = try ReplaySpec.seconds(step)
        guard stepSeconds > 0, durationSeconds >= stepSeconds else {
            throw ValidationError("--step must be positive and no longer than --duration")
        }
        let demand: DemandTrace
        switch (trace, pattern.isEmpty) {
        case (let path?, true):
            demand = try DemandTrace.parseCSV(String(contentsOfFile: path, encoding: .utf8))
        case (nil, false):
            demand = DemandTrace.generate(try pattern.map(ReplaySpec.pattern), duration: durationSeconds)
        default:
            throw ValidationError("give exactly one of --trace or --pattern")
        }
        let windows = try outage.map(ReplaySpec.outage)
        let pools = Set(fleet.pools.map(\.name))
        if let unknown = windows.first(where: { !pools.contains($0.pool) }) {
            throw ValidationError("outage names unknown pool '\(unknown.pool)'")
        }
        return ReplayScenario(
            name: "\(model)-replay", fleet: fleet, model: model, demand: demand, capacityWindows: windows,
            stepSeconds: stepSeconds, durationSeconds: durationSeconds)
    }
}

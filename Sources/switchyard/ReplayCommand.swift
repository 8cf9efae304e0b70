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

    @Option(help: ArgumentHelp("Directory for report.json and timeline.svg (with --stress, one subdirectory per scenario).", valueName: "dir"))
    var out: String?

    @Flag(help: "Replay the scenarios that try to break the adaptive strategy (noise, a spike, a wrong day, a long shortage).")
    var stress = false

    @Flag(help: "Replay the spot scenarios: the demo fleet with spot at 35 % of on-demand and 5 %/h interruptions in amd-neuron, without and with a reservation of two inf2, each strategy against itself all on-demand.")
    var spot = false

    @Option(help: ArgumentHelp("ScaledObject target of the static and failover strategies (default 0.8).", valueName: "fraction"))
    var targetUtilization: Double?

    @Option(help: ArgumentHelp("The adaptive strategy's target utilisation (default 0.9).", valueName: "fraction"))
    var adaptiveUtilization: Double?

    @Option(help: ArgumentHelp("HPA scale-down stabilisation window (default 5m).", valueName: "duration"))
    var scaleDownWindow: String?

    @Option(help: ArgumentHelp("Node launch time of every unit.", valueName: "duration"))
    var nodeLaunch: String?

    @Option(help: ArgumentHelp("Model load time of every unit.", valueName: "duration"))
    var modelLoad: String?

    @Option(help: ArgumentHelp("Minimum replicas of every unit.", valueName: "count"))
    var minReplicas: Int?

    @Option(help: ArgumentHelp("Warm standby of the model under the adaptive strategy: auto or a number of replicas.", valueName: "auto|count"))
    var standby: String?

    @OptionGroup var source: FleetSource

    func run() async throws {
        if spot {
            let renderer = ReplayTableRenderer()
            for scenario in [ReferenceScenario.spot, ReferenceScenario.spotReserved] {
                let report = try ReplaySimulator().run(
                    try knobs.applied(to: scenario),
                    strategies: [.staticCost, .switchyardFailover, .switchyardOptimal, .switchyardAdaptive]
                )
                print(renderer.render(report))
                print(renderer.renderCapacityKinds(report))
                print(renderer.renderSpotGoal(report))
                if let out { try write(report, to: URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(scenario.name)) }
            }
            return
        }
        if stress {
            for scenario in ReferenceScenario.stress {
                let report = try ReplaySimulator().run(
                    try knobs.applied(to: scenario), strategies: [.switchyardFailover, .switchyardAdaptive, .oracle, .clairvoyant]
                )
                print(ReplayTableRenderer().render(report))
                if let out { try write(report, to: URL(fileURLWithPath: out, isDirectory: true).appendingPathComponent(scenario.name)) }
            }
            return
        }
        let scenario = try await makeScenario()
        let started = ContinuousClock.now
        let report = try ReplaySimulator().run(scenario)
        let elapsed = ContinuousClock.now - started
        print(ReplayTableRenderer().render(report))
        let kinds = ReplayTableRenderer().renderCapacityKinds(report)
        if !kinds.isEmpty { print(kinds) }
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        print("replayed \(scenario.name): \(Int(scenario.durationSeconds / scenario.stepSeconds)) steps × \(report.results.count) strategies in \(String(format: "%.1f", milliseconds)) ms")
        if let out { try write(report, to: URL(fileURLWithPath: out, isDirectory: true)) }
    }

    /// Writes `report.json` and `timeline.svg` into `directory`, creating it.
    private func write(_ report: ReplayReport, to directory: URL) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        try Data(ReplayJSONRenderer().render(report).utf8).write(to: directory.appendingPathComponent("report.json"), options: .atomic)
        try Data(ReplaySVGRenderer().render(report).utf8).write(to: directory.appendingPathComponent("timeline.svg"), options: .atomic)
        print("wrote \(directory.appendingPathComponent("report.json").path) and timeline.svg")
    }

    private var knobs: ReplayKnobs {
        ReplayKnobs(
            targetUtilization: targetUtilization, adaptiveTargetUtilization: adaptiveUtilization,
            scaleDownWindow: scaleDownWindow, nodeLaunch: nodeLaunch, modelLoad: modelLoad, minReplicas: minReplicas,
            standby: standby
        )
    }

    private func makeScenario() async throws -> ReplayScenario {
        let request = ReplayRequest(
            reference: reference ? true : nil, model: model,
            demandCSV: try trace.map { try String(contentsOfFile: $0, encoding: .utf8) },
            patterns: pattern, outages: outage, duration: duration, step: step, knobs: knobs)
        let fleet = reference ? Fleet() : try await source.load(settings: try await source.database.settings())
        do {
            return try request.scenario(fleet: fleet)
        } catch {
            throw ValidationError(error.description)
        }
    }
}

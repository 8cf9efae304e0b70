import Foundation
@testable import SwitchyardCore

/// Scenarios and reports shared by the replay tests; each report is computed once.
enum ReplayFixtures {
    static let hour = 3600.0

    /// The demo fleet under a demand trace, with optional shortage windows, over `hours`.
    static func scenario(
        _ name: String, demand: [DemandPattern], windows: [CapacityWindow] = [], hours: Double,
        stepSeconds: Double = 10
    ) -> ReplayScenario {
        ReplayScenario(
            name: name, fleet: DemoFleet.fleet, model: "sd21",
            demand: DemandTrace.generate(demand, duration: hours * hour, interval: 60),
            capacityWindows: windows, stepSeconds: stepSeconds, durationSeconds: hours * hour
        )
    }

    /// Demand climbing from 100 to 900 rps over hours 1-5 while `amd-neuron` is short from hour 1 to 6.
    static let shortageDuringRamp = scenario(
        "ramp-with-neuron-shortage",
        demand: [.ramp(fromRPS: 100, toRPS: 900, start: 1 * hour, end: 5 * hour)],
        windows: [CapacityWindow(pool: "amd-neuron", from: 1 * hour, to: 6 * hour)],
        hours: 8
    )

    static let reference = ReferenceScenario.seed004
    static let referenceReport: ReplayReport = {
        do { return try ReplaySimulator().run(reference) } catch { fatalError("reference scenario: \(error)") }
    }()
}

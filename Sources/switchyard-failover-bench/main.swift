// Reaction benchmarks.
// `switchyard-failover-bench [RUNS]`: how long from a Karpenter InsufficientCapacityError event for the neuron pool to
// the ALB listener (moto) carrying the capacity weights, with the failover loop at its default settings, in three
// scenarios: a quiet control plane; a drift pass whose GET to the API server hangs; and the event recorded right after
// a one-second watch outage whose reconnects all failed.
// `switchyard-failover-bench replicas [--runs N] [--binary PATH]`: failover of the service itself (see
// ReplicaFailoverBench).
import Foundation
import Logging
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore

let runs = CommandLine.arguments.dropFirst().first.flatMap(Int.init) ?? 5
let goal: Duration = .seconds(2)
LoggingSystem.bootstrap { label in
    var handler = StreamLogHandler.standardError(label: label)
    handler.logLevel = ProcessInfo.processInfo.environment["BENCH_LOG"] == nil ? .critical : .debug
    return handler
}

if CommandLine.arguments.dropFirst().first == "replicas" {
    exit(await ReplicaFailoverBench.main(arguments: Array(CommandLine.arguments.dropFirst(2))))
}

let moto = try await MotoServer.start()
let kubernetesServer = FakeKubernetesAPIServer()
do {
    let bench = try await FailoverBench.make(kubernetesServer: kubernetesServer, moto: moto)
    print("failover reaction (InsufficientCapacityError event -> capacity weights on the ALB listener), \(runs) runs each, goal < \(milliseconds(goal)):")
    var missed = false
    for scenario in FailoverBench.Scenario.allCases {
        let figures = try await bench.measure(scenario, runs: runs)
        let sorted = figures.sorted()
        print("  \(scenario.rawValue.padding(toLength: 14, withPad: " ", startingAt: 0))"
            + "min \(milliseconds(sorted.first!))  median \(milliseconds(sorted[sorted.count / 2]))  max \(milliseconds(sorted.last!))"
            + "  runs: \(figures.map(milliseconds).joined(separator: ", "))")
        missed = missed || sorted.last! >= goal
    }
    print(missed ? "GOAL MISSED" : "within goal")
    let switchBack = try await bench.switchBack()
    print("switch back: recovered reported, clock moved past the \(Int(FailoverSettings().holdTime)) s hold time -> cost weights on the listener \(milliseconds(switchBack)) later (the periodic pass runs every 5 s)")
    try await bench.kubernetes.shutdown()
} catch {
    print("benchmark failed: \(error)")
}
await kubernetesServer.stop()
moto.stop()

func milliseconds(_ duration: Duration) -> String {
    let (seconds, attoseconds) = duration.components
    return String(format: "%.0f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15)
}

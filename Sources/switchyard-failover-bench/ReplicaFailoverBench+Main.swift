import Foundation
import SwitchyardFakes

extension ReplicaFailoverBench {
    /// `switchyard-failover-bench replicas [--runs N] [--binary PATH]`: every election with every disruption, N runs
    /// each, printed with the goals. The binary defaults to the `switchyard` beside this benchmark.
    static func main(arguments: [String]) async -> Int32 {
        var runs = 3
        var binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("switchyard")
        var rest = arguments[...]
        while let option = rest.popFirst() {
            switch option {
            case "--runs": runs = rest.popFirst().flatMap(Int.init) ?? runs
            case "--binary": binary = URL(fileURLWithPath: rest.popFirst() ?? binary.path)
            default:
                print("usage: switchyard-failover-bench replicas [--runs N] [--binary PATH]")
                return 2
            }
        }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-replicas-\(UUID().uuidString)")
        let kubernetes = FakeKubernetesAPIServer()
        var missed = false
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            let postgres = try PostgresServerProcess()
            defer { postgres.stop() }
            let bench = ReplicaFailoverBench(
                binary: binary, postgres: postgres, kubernetes: kubernetes, kubernetesURL: try await kubernetes.start(),
                directory: directory)
            print("service failover: 3 replicas of \(binary.path) on one PostgreSQL, the leader disrupted during a")
            print("stream of acknowledged writes and capacity signals to every replica; \(runs) runs each")
            print("(Lease: \(leaseArguments.joined(separator: " ")); advisory lock: retried every 250 ms, a silent holder's")
            print("session ended by the server after 2 s)")
            for election in Election.allCases {
                for disruption in Disruption.allCases {
                    var results: [Run] = []
                    for number in 1...runs {
                        results.append(try await bench.measure(election, disruption, run: number))
                    }
                    let goal = Self.goal(election, disruption)
                    let takeovers = results.map(\.takeover).sorted()
                    let lost = results.reduce(0) { $0 + $1.lostWrites + $1.lostSignals }
                    let stale = results.reduce(0) { $0 + $1.stalePushes }
                    let met = takeovers.last! < goal && lost == 0 && stale == 0
                    missed = missed || !met
                    print("  \(election.rawValue), \(disruption.rawValue): first push by the new leader "
                        + "min \(milliseconds(takeovers.first!)) median \(milliseconds(takeovers[takeovers.count / 2])) "
                        + "max \(milliseconds(takeovers.last!)) (goal < \(milliseconds(goal)))")
                    print("    acknowledged: \(results.reduce(0) { $0 + $1.acknowledgedWrites }) writes, "
                        + "\(results.reduce(0) { $0 + $1.acknowledgedSignals }) signals; lost: \(lost); "
                        + "pushes by the old leader after its successor's first: \(stale)  \(met ? "met" : "MISSED")")
                }
            }
        } catch {
            print("benchmark failed: \(error)")
            missed = true
        }
        await kubernetes.stop()
        try? FileManager.default.removeItem(at: directory)
        print(missed ? "GOAL MISSED" : "every goal met")
        return missed ? 1 : 0
    }

    /// A new leader's first push after the old one is killed: within 5 s with the Lease, well under 1 s with the
    /// advisory lock, whose holder's session ends with its process. A paused holder keeps its session open until the
    /// server's idle-session timeout (2 s) ends it, so with the lock a pause is allowed that long and a second more.
    static func goal(_ election: Election, _ disruption: Disruption) -> Duration {
        switch (election, disruption) {
        case (.lease, _): .seconds(5)
        case (.advisoryLock, .kill): .seconds(1)
        case (.advisoryLock, .pause): .seconds(3)
        }
    }
}

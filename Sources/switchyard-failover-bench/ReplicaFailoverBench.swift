import Foundation
import SwitchyardFakes

/// Failover of the service itself: three replicas of the binary on one PostgreSQL database, the leader killed (or
/// paused) during a stream of acknowledged writes and capacity signals sent to every replica. Measures how long until
/// a survivor pushes, whether every acknowledged write is there, and whether the old leader pushed after its
/// successor's first push.
struct ReplicaFailoverBench {
    enum Election: String, CaseIterable {
        case lease, advisoryLock = "advisory lock"
    }

    enum Disruption: String, CaseIterable {
        case kill = "kill -9", pause = "SIGSTOP"
    }

    struct Run {
        var takeover: Duration
        var acknowledgedWrites = 0
        var acknowledgedSignals = 0
        var lostWrites = 0
        var lostSignals = 0
        /// Files the old leader wrote after its successor's first push.
        var stalePushes = 0
    }

    let binary: URL
    let postgres: PostgresServerProcess
    let kubernetes: FakeKubernetesAPIServer
    let kubernetesURL: String
    let directory: URL

    static let leaseArguments = ["--lease-duration", "3", "--lease-renew-deadline", "2", "--lease-retry-period", "1"]

    func measure(_ election: Election, _ disruption: Disruption, run number: Int) async throws -> Run {
        let name = "\(election == .lease ? "lease" : "lock")_\(disruption == .kill ? "kill" : "pause")_\(number)"
        try postgres.createDatabase(name)
        let runDirectory = directory.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: runDirectory, withIntermediateDirectories: true)
        var arguments = ["--failover-interval", "1", "--drift-interval", "0"]
        if election == .lease {
            let kubeconfig = runDirectory.appendingPathComponent("kubeconfig")
            try FakeKubernetesAPIServer.writeKubeconfig(server: kubernetesURL, to: kubeconfig)
            arguments += ["--kubeconfig", kubeconfig.path, "--lease-namespace", name] + Self.leaseArguments
        }
        var replicas: [ReplicaProcess] = []
        defer { for replica in replicas { replica.signal(SIGCONT); replica.stop() } }
        for index in 0..<3 {
            replicas.append(try ReplicaProcess(
                name: "replica-\(index)", binary: binary, database: postgres.url(database: name), directory: runDirectory,
                arguments: arguments))
        }
        for replica in replicas { try await replica.waitUntilHealthy() }
        guard let leader = try await Self.soleLeader(replicas) else { throw BenchError.failed("no single leader") }
        let survivors = replicas.filter { $0 !== leader }
        let (_, applied) = try await leader.request("POST", "/v1/apply")
        guard applied == 200 else { throw BenchError.failed("the first apply answered \(applied)") }

        // Writes and signals to every replica, round robin, from a task of their own until told to stop.
        let load = LoadStream(replicas: replicas, prefix: name)
        let loading = Task { await load.run() }
        try await Task.sleep(for: .milliseconds(800))

        let disrupted = Date()
        leader.signal(disruption == .kill ? SIGKILL : SIGSTOP)
        // A shortage the survivors must act on: sd21 moves to the capacity weights, which only a leader pushes.
        _ = try? await survivors[0].request(
            "POST", "/v1/capacity-signals",
            body: ["pool": "amd-neuron", "condition": "short", "reason": "InsufficientCapacityError"])
        var firstPush: Date?
        let deadline = ContinuousClock.now + .seconds(60)
        while firstPush == nil, ContinuousClock.now < deadline {
            firstPush = survivors.compactMap { $0.pushTimes(after: disrupted).firstAfter }.min()
            if firstPush == nil { try await Task.sleep(for: .milliseconds(5)) }
        }
        guard let firstPush else {
            throw BenchError.failed("no survivor pushed within 60 s:\n\(survivors.map { $0.logText() }.joined(separator: "\n"))")
        }
        if disruption == .pause {
            // The old leader resumes believing nothing happened; the load goes on meanwhile.
            leader.signal(SIGCONT)
        }
        try await Task.sleep(for: .seconds(3))
        load.stop()
        let acknowledged = await loading.value

        var run = Run(takeover: .milliseconds(Int64(firstPush.timeIntervalSince(disrupted) * 1000)))
        run.acknowledgedWrites = acknowledged.models.count
        run.acknowledgedSignals = acknowledged.signals.count
        let reader = survivors[1]
        for model in acknowledged.models {
            let (_, status) = try await reader.request("GET", "/v1/models/\(model)")
            if status != 200 { run.lostWrites += 1 }
        }
        let audited = try await Self.auditedRequestIDs(reader, kind: "capacity-signal")
        run.lostSignals = acknowledged.signals.filter { !audited.contains($0) }.count
        let stale = leader.pushTimes(after: firstPush).firstAfter
        run.stalePushes = stale == nil ? 0 : 1
        return run
    }

    /// The one replica that says it leads, once exactly one does.
    static func soleLeader(_ replicas: [ReplicaProcess]) async throws -> ReplicaProcess? {
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline {
            var leaders: [ReplicaProcess] = []
            for replica in replicas where await replica.leads() { leaders.append(replica) }
            if leaders.count == 1 { return leaders[0] }
            try await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// The request ids of every audit event of `kind`.
    static func auditedRequestIDs(_ replica: ReplicaProcess, kind: String) async throws -> Set<String> {
        var ids: Set<String> = []
        var cursor: String?
        repeat {
            let (data, status) = try await replica.request(
                "GET", "/v1/audit?kind=\(kind)&limit=500" + (cursor.map { "&cursor=\($0)" } ?? ""))
            guard status == 200, let page = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
                throw BenchError.failed("the audit answered \(status)")
            }
            for event in page["items"] as? [[String: Any]] ?? [] {
                if let id = event["requestID"] as? String { ids.insert(id) }
            }
            cursor = page["nextCursor"] as? String
        } while cursor != nil
        return ids
    }
}

import Foundation
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

/// Three replicas of the binary on one PostgreSQL database, electing their leader through a Lease on the fake
/// Kubernetes API server. Each replica pushes to files of its own, so that who pushed what is on disk.
@Suite("Process: three replicas on PostgreSQL", .serialized)
struct ReplicaSetProcessTests {
    let adminToken = "sy_process_test_admin_secret_ha_0123456789"

    /// A replica and the directory only it pushes to.
    struct Replica {
        let service: ServiceProcess
        let pushes: URL
        var name: String { pushes.lastPathComponent }
    }

    /// Files under `directory` with their modification times.
    static func written(under directory: URL) -> [String: Date] {
        let files = FileManager.default.enumerator(at: directory, includingPropertiesForKeys: [.contentModificationDateKey])?
            .compactMap { $0 as? URL } ?? []
        var written: [String: Date] = [:]
        for file in files where file.pathExtension == "yaml" {
            written[file.path] = (try? file.resourceValues(forKeys: [.contentModificationDateKey]))?.contentModificationDate
        }
        return written
    }

    static func json(_ data: Data) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: data) as? [String: Any]) ?? [:]
    }

    /// The replicas that say they lead, polled until exactly one does (or the deadline passes).
    static func leader(among replicas: [Replica], within seconds: Int = 30) async throws -> Replica? {
        let deadline = ContinuousClock.now + .seconds(seconds)
        while ContinuousClock.now < deadline {
            var leaders: [Replica] = []
            for replica in replicas {
                guard let (data, status) = try? await replica.service.request("GET", "/v1/failover"), status == 200 else { continue }
                if json(data)["leader"] as? Bool == true { leaders.append(replica) }
            }
            if leaders.count == 1 { return leaders[0] }
            try await Task.sleep(for: .milliseconds(200))
        }
        return nil
    }

    @Test("one leader; a follower's apply pushed by the leader; a follower's signal acted on; a stale term refused; the leader killed and replaced with nothing lost")
    func replicaSet() async throws {
        let server = try PostgresServerProcess()
        defer { server.stop() }
        try server.createDatabase("switchyard")
        let url = server.url(database: "switchyard")
        let kubernetes = FakeKubernetesAPIServer()
        let api = try await kubernetes.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-ha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let kubeconfig = directory.appendingPathComponent("kubeconfig")
        try FakeKubernetesAPIServer.writeKubeconfig(server: api, to: kubeconfig)

        var replicas: [Replica] = []
        do {
            for index in 0..<3 {
                let pushes = directory.appendingPathComponent("replica-\(index)")
                let service = try await ServiceProcess(
                    databasePath: url, adminToken: adminToken,
                    extraArguments: [
                        "--demo", "--push-dir", pushes.path, "--kubeconfig", kubeconfig.path,
                        "--lease-namespace", "switchyard", "--lease-duration", "8", "--lease-renew-deadline", "6",
                        "--lease-retry-period", "1", "--failover-interval", "1", "--drift-interval", "0",
                    ])
                replicas.append(Replica(service: service, pushes: pushes))
            }
            try await exercise(replicas, database: url)
        } catch {
            for replica in replicas { replica.service.kill() }
            await kubernetes.stop()
            throw error
        }
        for replica in replicas { replica.service.kill() }
        await kubernetes.stop()
    }

    @Test("without a Lease, the advisory lock elects one leader; SIGTERM hands over at once and the successor pushes")
    func advisoryLockHandover() async throws {
        let server = try PostgresServerProcess()
        defer { server.stop() }
        try server.createDatabase("switchyard")
        let url = server.url(database: "switchyard")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-lock-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        var replicas: [Replica] = []
        defer { for replica in replicas { replica.service.kill() } }
        for index in 0..<2 {
            let pushes = directory.appendingPathComponent("replica-\(index)")
            let service = try await ServiceProcess(
                databasePath: url, adminToken: adminToken,
                extraArguments: ["--demo", "--push-dir", pushes.path, "--failover-interval", "1", "--drift-interval", "0"])
            replicas.append(Replica(service: service, pushes: pushes))
        }
        let logs = { replicas.map { "\($0.name):\n\($0.service.log())" }.joined(separator: "\n\n") }
        let leader = try #require(try await Self.leader(among: replicas), "no single leader:\n\(logs())")
        let follower = try #require(replicas.first { $0.name != leader.name })
        let stopped = ContinuousClock.now
        #expect(leader.service.terminate() == 0)
        #expect(leader.service.log().contains("leader lock released"))
        let successor = try #require(try await Self.leader(among: [follower], within: 10), "no successor:\n\(logs())")
        #expect(ContinuousClock.now - stopped < .seconds(5))
        let (data, applied) = try await successor.service.request("POST", "/v1/apply")
        #expect(applied == 200, "\(String(decoding: data, as: UTF8.self))")
        #expect(!Self.written(under: successor.pushes).isEmpty)
    }

    private func exercise(_ replicas: [Replica], database url: String) async throws {
        let logs = { replicas.map { "\($0.name):\n\($0.service.log())" }.joined(separator: "\n\n") }
        let leader = try #require(try await Self.leader(among: replicas), "no single leader:\n\(logs())")
        let followers = replicas.filter { $0.name != leader.name }

        // A follower's apply is pushed by the leader: the leader's directory fills, the follower's stays empty.
        let (applyData, applied) = try await followers[0].service.request("POST", "/v1/apply")
        #expect(applied == 200, "\(String(decoding: applyData, as: UTF8.self))\n\(logs())")
        #expect(Self.json(applyData)["succeeded"] as? Bool == true)
        #expect(!Self.written(under: leader.pushes).isEmpty)
        for follower in followers { #expect(Self.written(under: follower.pushes).isEmpty, "\(follower.name) pushed") }

        // A capacity signal posted to a follower is acted on by the leader's failover loop.
        let signal = try JSONSerialization.data(withJSONObject: [
            "pool": "amd-neuron", "condition": "short", "reason": "InsufficientCapacityError",
        ])
        let (_, reported) = try await followers[1].service.request("POST", "/v1/capacity-signals", body: signal)
        #expect(reported == 202)
        var switched = false
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline, !switched {
            let (data, _) = try await followers[1].service.request("GET", "/v1/failover")
            let models = Self.json(data)["models"] as? [[String: Any]] ?? []
            switched = models.contains { $0["model"] as? String == "sd21" && $0["configuration"] as? String == "capacity" }
            if !switched { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(switched, "the leader did not act on the follower's signal:\n\(logs())")
        for follower in followers { #expect(Self.written(under: follower.pushes).isEmpty, "\(follower.name) pushed") }

        // A newer leadership term claimed elsewhere (a successor the leader does not know of) fences the leader: its
        // next push is refused and nothing is written.
        let intruder = try await PostgresDatabase.open(try PostgresLocation(url: url), maximumConnections: 2)
        let stale = try await intruder.claimLeadershipTerm(holder: "successor-elsewhere")
        await intruder.close()
        // A change the leader would push: one more replica allowed for a unit.
        let (unitsData, _) = try await leader.service.request("GET", "/v1/units?model=sd21")
        var unit = try #require((Self.json(unitsData)["items"] as? [[String: Any]])?.first)
        let unitName = try #require(unit["name"] as? String)
        unit["maxReplicas"] = ((unit["maxReplicas"] as? Int) ?? 4) + 1
        let (_, changed) = try await leader.service.request(
            "PUT", "/v1/units/\(unitName)", body: try JSONSerialization.data(withJSONObject: unit))
        #expect(changed == 200)
        let before = Self.written(under: leader.pushes)
        let (refusedData, refused) = try await leader.service.request("POST", "/v1/apply")
        let refusal = String(decoding: refusedData, as: UTF8.self)
        #expect(refused == 503, "\(refusal)")
        #expect(refusal.contains("superseded by term \(stale)"), "\(refusal)")
        #expect(Self.written(under: leader.pushes) == before, "the fenced leader wrote files")

        // Acknowledged writes on several replicas, then the leader killed: a new leader takes over, claims a newer
        // term, and pushes; every acknowledged write is there.
        var acknowledged: [String] = []
        for (index, replica) in replicas.enumerated() {
            let name = "ha-write-\(index)"
            let model = try JSONSerialization.data(withJSONObject: [
                "name": name,
                "slo": ["latencyPercentile": "p95", "latencyThresholdMs": 700, "maxErrorRate": 0.01, "maxUtilization": 0.8],
                "routing": ["defaultStrategy": "cost"],
            ])
            let (_, created) = try await replica.service.request("PUT", "/v1/models/\(name)", body: model)
            if created == 201 { acknowledged.append(name) }
        }
        #expect(acknowledged.count == 3)
        leader.service.kill()
        let survivors = followers
        let successor = try #require(try await Self.leader(among: survivors), "no successor:\n\(logs())")
        let (reapplyData, reapplied) = try await survivors.first { $0.name != successor.name }!.service.request("POST", "/v1/apply")
        #expect(reapplied == 200, "\(String(decoding: reapplyData, as: UTF8.self))\n\(logs())")
        #expect(Self.json(reapplyData)["succeeded"] as? Bool == true)
        #expect(!Self.written(under: successor.pushes).isEmpty)
        #expect(successor.service.log().contains("leadership term claimed"))
        for name in acknowledged {
            let (_, found) = try await successor.service.request("GET", "/v1/models/\(name)")
            #expect(found == 200, "acknowledged write \(name) lost")
        }
    }
}

import Foundation
import SwitchyardFakes
import Testing

/// `serve --database postgres://…`: the whole API on PostgreSQL, shared by two replicas of the binary.
@Suite("Process: serve on PostgreSQL", .serialized)
struct PostgresServeTests {
    let adminToken = "sy_process_test_admin_secret_pg_0123456789"

    @Test("writes, reads, a capacity signal and an apply on PostgreSQL; a second replica sees them; the password is never logged")
    func servesOnPostgres() async throws {
        let server = try PostgresServerProcess()
        defer { server.stop() }
        try server.createDatabase("switchyard")
        let url = server.url(database: "switchyard")
        let pushes = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-pg-push-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: pushes) }
        let password = "pg-password-never-logged-5e1d"
        let environment = ["PGPASSWORD": password]

        let first = try await ServiceProcess(
            databasePath: url, adminToken: adminToken,
            extraArguments: ["--demo", "--push-dir", pushes.path, "--failover-interval", "1"], environment: environment)

        // The demo fleet went in through the import; the read comes back from PostgreSQL.
        let (unitData, units) = try await first.request("GET", "/v1/units?model=sd21")
        #expect(units == 200, "log:\n\(first.log())")
        let page = try JSONSerialization.jsonObject(with: unitData) as? [String: Any]
        #expect((page?["items"] as? [Any])?.count == 5)

        let model = try JSONSerialization.data(withJSONObject: [
            "name": "llama",
            "slo": ["latencyPercentile": "p95", "latencyThresholdMs": 700, "maxErrorRate": 0.01, "maxUtilization": 0.8],
            "routing": ["defaultStrategy": "cost"],
        ])
        let (_, created) = try await first.request("PUT", "/v1/models/llama", body: model)
        #expect(created == 201, "log:\n\(first.log())")

        let signal = try JSONSerialization.data(withJSONObject: [
            "pool": "amd-neuron", "condition": "short", "reason": "InsufficientCapacityError",
        ])
        let (_, reported) = try await first.request("POST", "/v1/capacity-signals", body: signal)
        #expect(reported == 202, "log:\n\(first.log())")
        // The failover pass folds the signal and commits sd21's switch on PostgreSQL.
        var configuration: String?
        let deadline = ContinuousClock.now + .seconds(30)
        while ContinuousClock.now < deadline, configuration != "capacity" {
            let (data, _) = try await first.request("GET", "/v1/failover")
            let overview = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let models = overview?["models"] as? [[String: Any]] ?? []
            configuration = models.first { $0["model"] as? String == "sd21" }?["configuration"] as? String
            if configuration != "capacity" { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(configuration == "capacity", "log:\n\(first.log())")

        let (applyData, applied) = try await first.request("POST", "/v1/apply")
        #expect(applied == 200, "\(String(decoding: applyData, as: UTF8.self))")
        let report = try JSONSerialization.jsonObject(with: applyData) as? [String: Any]
        #expect(report?["succeeded"] as? Bool == true, "\(String(decoding: applyData, as: UTF8.self))")
        let written = try FileManager.default.subpathsOfDirectory(atPath: pushes.path)
        #expect(!written.isEmpty)

        // A second replica on the same database serves what the first wrote, the switch included.
        let second = try await ServiceProcess(
            databasePath: url, adminToken: adminToken, extraArguments: ["--push-dir", pushes.path],
            environment: environment)
        let (_, read) = try await second.request("GET", "/v1/models/llama")
        #expect(read == 200)
        let (failoverData, _) = try await second.request("GET", "/v1/failover")
        #expect(String(decoding: failoverData, as: UTF8.self).contains("\"capacity\""))
        let (pushAudit, _) = try await second.request("GET", "/v1/audit?kind=push")
        #expect(((try JSONSerialization.jsonObject(with: pushAudit) as? [String: Any])?["items"] as? [Any])?.isEmpty == false)
        let (verifyData, verified) = try await second.request("GET", "/v1/audit/verify")
        #expect(verified == 200)
        #expect((try JSONSerialization.jsonObject(with: verifyData) as? [String: Any])?["valid"] as? Bool == true)

        #expect(first.terminate() == 0, "log:\n\(first.log())")
        #expect(second.terminate() == 0, "log:\n\(second.log())")
        #expect(first.log().contains("database closed"))
        for log in [first.log(), second.log()] { #expect(!log.contains(password)) }
    }
}

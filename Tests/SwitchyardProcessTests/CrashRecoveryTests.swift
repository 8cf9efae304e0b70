import Foundation
import Testing

/// The binary as operators run it: writes acknowledged before a SIGKILL are all there after a restart.
@Suite("Process: crash and restart", .serialized)
struct CrashRecoveryTests {
    let directory: URL
    let adminToken = "sy_process_test_admin_secret_0123456789"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-process-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test("every acknowledged write survives SIGKILL")
    func acknowledgedWritesSurviveKill() async throws {
        let database = directory.appendingPathComponent("switchyard.db").path
        let first = try await ServiceProcess(databasePath: database, adminToken: adminToken)
        var acknowledged: [String: Double] = [:]
        for index in 0..<40 {
            let name = "model-\(index)"
            let threshold = Double(500 + index)
            let body = try JSONSerialization.data(withJSONObject: [
                "name": name,
                "slo": ["latencyPercentile": "p95", "latencyThresholdMs": threshold, "maxErrorRate": 0.01, "maxUtilization": 0.8],
                "routing": ["defaultStrategy": "cost"],
            ])
            let (_, status) = try await first.request("PUT", "/v1/models/\(name)", body: body)
            if status == 201 || status == 200 { acknowledged[name] = threshold }
        }
        #expect(acknowledged.count == 40, "log:\n\(first.log())")
        first.kill()

        let second = try await ServiceProcess(databasePath: database, adminToken: adminToken, port: nil)
        defer { _ = second.terminate() }
        for (name, threshold) in acknowledged {
            let (data, status) = try await second.request("GET", "/v1/models/\(name)")
            #expect(status == 200, "\(name) lost after SIGKILL")
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            let slo = object?["slo"] as? [String: Any]
            #expect((slo?["latencyThresholdMs"] as? Double) == threshold)
        }
        let (auditData, auditStatus) = try await second.request("GET", "/v1/audit/verify")
        #expect(auditStatus == 200)
        let verification = try JSONSerialization.jsonObject(with: auditData) as? [String: Any]
        #expect(verification?["valid"] as? Bool == true)
    }

    @Test("SIGTERM shuts down cleanly and the data stays readable")
    func gracefulShutdown() async throws {
        let database = directory.appendingPathComponent("graceful.db").path
        let service = try await ServiceProcess(databasePath: database, adminToken: adminToken, extraArguments: ["--demo"])
        let (_, before) = try await service.request("GET", "/v1/units/sd21-inf2")
        #expect(before == 200)
        let status = service.terminate()
        #expect(status == 0, "log:\n\(service.log())")
        #expect(service.log().contains("database closed"))

        let again = try await ServiceProcess(databasePath: database, adminToken: adminToken, extraArguments: ["--demo"])
        defer { _ = again.terminate() }
        let (data, after) = try await again.request("GET", "/v1/units?model=sd21")
        #expect(after == 200)
        let page = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        #expect((page?["items"] as? [Any])?.count == 5)
    }

    @Test("serve --demo over an edited demo changes nothing")
    func demoLeavesEditsAlone() async throws {
        let database = directory.appendingPathComponent("demo-edited.db").path
        let first = try await ServiceProcess(databasePath: database, adminToken: adminToken, extraArguments: ["--demo"])
        let (data, status) = try await first.request("GET", "/v1/models/sd21")
        #expect(status == 200)
        let demoEventsAtFirstLoad = try await demoEvents(first)
        #expect(demoEventsAtFirstLoad > 0)
        var model = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        model["expectedDemandRPS"] = 123
        var routing = try #require(model["routing"] as? [String: Any])
        routing["applier"] = "alb-annotation"
        model["routing"] = routing
        let (_, put) = try await first.request("PUT", "/v1/models/sd21", body: try JSONSerialization.data(withJSONObject: model))
        #expect(put == 200)
        #expect(first.terminate() == 0)

        let second = try await ServiceProcess(databasePath: database, adminToken: adminToken, extraArguments: ["--demo"])
        defer { _ = second.terminate() }
        let (after, _) = try await second.request("GET", "/v1/models/sd21")
        let kept = try #require(try JSONSerialization.jsonObject(with: after) as? [String: Any])
        #expect(kept["expectedDemandRPS"] as? Double == 123)
        #expect((kept["routing"] as? [String: Any])?["applier"] as? String == "alb-annotation")
        #expect(try await demoEvents(second) == demoEventsAtFirstLoad, "the demo wrote only its first load")
        #expect(second.log().contains("demo fleet not loaded"))
    }

    /// How many audit events the demo loader wrote.
    private func demoEvents(_ service: ServiceProcess) async throws -> Int {
        let (audit, status) = try await service.request("GET", "/v1/audit?actor=demo&limit=100")
        #expect(status == 200)
        return try #require((try JSONSerialization.jsonObject(with: audit) as? [String: Any])?["items"] as? [[String: Any]]).count
    }
}

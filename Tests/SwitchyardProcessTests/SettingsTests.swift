import Foundation
import Testing

/// Every setting read one way: flag, else SWITCHYARD_ variable, else the configuration file, else the default; a bad
/// value from any of them stops the command at start, naming the setting.
@Suite("Process: settings")
struct SettingsTests {
    let directory: URL
    let adminToken = "sy_process_test_admin_secret_0123456789"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-settings-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    private func file(_ name: String, _ contents: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try Data(contents.utf8).write(to: url)
        return url.path
    }

    /// The demand horizon `serve` runs with, read back from a forecast.
    private func horizon(arguments: [String], environment: [String: String]) async throws -> Double? {
        let service = try await ServiceProcess(
            databasePath: directory.appendingPathComponent("\(UUID().uuidString).db").path, adminToken: adminToken,
            extraArguments: ["--demo", "--push-dir", directory.appendingPathComponent("push").path] + arguments,
            environment: environment)
        defer { _ = service.terminate() }
        let (_, reported) = try await service.request("POST", "/v1/models/sd21/demand", body: Data(#"{"rps": 250}"#.utf8))
        #expect(reported == 202, "log:\n\(service.log())")
        let (data, _) = try await service.request("GET", "/v1/models/sd21/demand")
        let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        return (object?["forecast"] as? [String: Any])?["horizonSeconds"] as? Double
    }

    @Test("the flag wins over the variable, the variable over the file, the file over the default")
    func precedence() async throws {
        let yaml = try file("switchyard.yaml", "demandHorizon: 90\nholdTime: 30\n")
        let json = try file("switchyard.json", #"{"demandHorizon": 95}"#)
        #expect(try await horizon(arguments: [], environment: [:]) == 720)
        #expect(try await horizon(arguments: ["--config", yaml], environment: [:]) == 90)
        #expect(try await horizon(arguments: [], environment: ["SWITCHYARD_CONFIG": json]) == 95)
        #expect(try await horizon(arguments: ["--config", yaml], environment: ["SWITCHYARD_DEMAND_HORIZON": "120"]) == 120)
        #expect(try await horizon(
            arguments: ["--config", yaml, "--demand-horizon", "150"], environment: ["SWITCHYARD_DEMAND_HORIZON": "120"]) == 150)
    }

    @Test("a bad value from a variable, the file or a flag stops serve before it opens the database, naming the setting",
          arguments: [
              ([], ["SWITCHYARD_HOLD_TIME": "ten minutes"], nil,
               "--hold-time (SWITCHYARD_HOLD_TIME, or holdTime in the configuration file) must be a whole number of seconds of at least 0, got 'ten minutes'"),
              ([], ["SWITCHYARD_LOG_LEVEL": "loud"], nil, "--log-level (SWITCHYARD_LOG_LEVEL, or logLevel in the configuration file) must be one of trace"),
              ([], ["SWITCHYARD_DEMO": "maybe"], nil, "--demo (SWITCHYARD_DEMO, or demo in the configuration file) must be true or false"),
              ([], ["SWITCHYARD_MAX_BODY_BYTES": "4MiB"], nil, "--max-body-bytes (SWITCHYARD_MAX_BODY_BYTES, or maxBodyBytes in the configuration file) must be a whole number of at least 1, got '4MiB'"),
              ([], [:], "targetUtilization: 1.5\n", "--target-utilization (SWITCHYARD_TARGET_UTILIZATION, or targetUtilization in the configuration file) must be a number in (0, 1], got '1.5'"),
              ([], [:], "failoverPushTimeoutMs: 0\n", "--failover-push-timeout-ms (SWITCHYARD_FAILOVER_PUSH_TIMEOUT_MS, or failoverPushTimeoutMs in the configuration file) must be a whole number of milliseconds of at least 1, got '0'"),
              (["--failover-interval", "0"], [:], nil, "--failover-interval (SWITCHYARD_FAILOVER_INTERVAL, or failoverInterval in the configuration file) must be a whole number of seconds of at least 1, got '0'"),
          ] as [([String], [String: String], String?, String)])
    func refusesBadValue(arguments: [String], environment: [String: String], config: String?, message: String) async throws {
        let database = directory.appendingPathComponent("\(UUID().uuidString).db").path
        let extra = try config.map { ["--config", try file("\(UUID().uuidString).yaml", $0)] } ?? []
        do {
            let service = try await ServiceProcess(
                databasePath: database, adminToken: adminToken,
                extraArguments: arguments + extra + ["--push-dir", directory.appendingPathComponent("push").path],
                environment: environment)
            _ = service.terminate()
            Issue.record("serve started with \(arguments) \(environment) \(config ?? "")")
        } catch ServiceProcessError.exited(let status, let log) {
            #expect(status != 0)
            #expect(log.contains(message), "log:\n\(log)")
            #expect(!FileManager.default.fileExists(atPath: database))
        }
    }

    @Test("a configuration file that cannot be read stops serve")
    func unreadableFile() async throws {
        let missing = directory.appendingPathComponent("absent.yaml").path
        do {
            let service = try await ServiceProcess(
                databasePath: directory.appendingPathComponent("x.db").path, adminToken: adminToken,
                extraArguments: ["--config", missing])
            _ = service.terminate()
            Issue.record("serve started with a missing configuration file")
        } catch ServiceProcessError.exited(let status, let log) {
            #expect(status != 0)
            #expect(log.contains("the configuration file \(missing) cannot be read"), "log:\n\(log)")
        }
    }
}

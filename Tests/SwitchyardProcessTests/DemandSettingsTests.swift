import Foundation
import Testing

/// `serve`'s demand settings as operators give them: flags and SWITCHYARD_ variables.
@Suite("Process: demand settings")
struct DemandSettingsTests {
    let directory: URL
    let adminToken = "sy_process_test_admin_secret_0123456789"

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-demand-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    @Test("--demand-horizon sets how far the forecast looks; a report is read back with it")
    func horizonFlag() async throws {
        let service = try await ServiceProcess(
            databasePath: directory.appendingPathComponent("switchyard.db").path, adminToken: adminToken,
            extraArguments: ["--demo", "--demand-horizon", "90", "--push-dir", directory.appendingPathComponent("push").path])
        defer { _ = service.terminate() }
        let (_, reported) = try await service.request("POST", "/v1/models/sd21/demand", body: Data(#"{"rps": 250}"#.utf8))
        #expect(reported == 202, "log:\n\(service.log())")
        let (data, status) = try await service.request("GET", "/v1/models/sd21/demand")
        #expect(status == 200)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let forecast = try #require(object["forecast"] as? [String: Any])
        #expect(forecast["horizonSeconds"] as? Double == 90)
        #expect(forecast["levelRPS"] as? Double == 250)
    }

    @Test("an incomplete or invalid demand source (Prometheus or CloudWatch) stops serve at start",
          arguments: [
              (["--demand-prometheus-query", "sum(x)"], [:], "needs --demand-prometheus-url"),
              ([], ["SWITCHYARD_DEMAND_PROMETHEUS_URL": "http://127.0.0.1:1"], "needs --demand-prometheus-query"),
              (["--demand-prometheus-url", "http://127.0.0.1:1"], ["SWITCHYARD_DEMAND_PROMETHEUS_QUERY": "sum(x)"], "must contain {model}"),
              (["--demand-cloudwatch-metric", "{unit}-counter"], [:], "needs --demand-cloudwatch-namespace"),
              (["--demand-cloudwatch-dimension", "Model={model}"], [:], "needs --demand-cloudwatch-namespace"),
              ([], ["SWITCHYARD_DEMAND_CLOUDWATCH_NAMESPACE": "hw-agnostic-infer"], "needs --demand-cloudwatch-metric"),
              (["--demand-cloudwatch-namespace", "AWS/ApplicationELB"],
               ["SWITCHYARD_DEMAND_CLOUDWATCH_METRIC": "RequestCount, HTTPCode_Target_2XX_Count"],
               "must contain {model} or {unit} where a name goes, got 'RequestCount HTTPCode_Target_2XX_Count'"),
              (["--demand-cloudwatch-namespace", "switchyard", "--demand-cloudwatch-metric", "requests",
                "--demand-cloudwatch-dimension", "Model"], [:], "--demand-cloudwatch-dimension must be NAME=VALUE, got 'Model'"),
              (["--demand-cloudwatch-namespace", "hw-agnostic-infer", "--demand-cloudwatch-metric", "{unit}-counter",
                "--demand-cloudwatch-period", "45"], [:], "the period must be 1, 5, 10, 20, 30 or a multiple of 60 seconds, got 45"),
          ] as [([String], [String: String], String)])
    func refusesIncompleteSource(arguments: [String], environment: [String: String], message: String) async throws {
        do {
            let service = try await ServiceProcess(
                databasePath: directory.appendingPathComponent("switchyard.db").path, adminToken: adminToken,
                extraArguments: arguments + ["--push-dir", directory.appendingPathComponent("push").path],
                environment: environment)
            _ = service.terminate()
            Issue.record("serve started with \(arguments) \(environment)")
        } catch ServiceProcessError.exited(let status, let log) {
            #expect(status != 0)
            #expect(log.contains(message), "log:\n\(log)")
        }
    }
}

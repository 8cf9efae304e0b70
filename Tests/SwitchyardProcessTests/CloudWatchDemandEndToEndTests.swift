import Foundation
import SwitchyardFakes
import Testing

/// `serve` polling CloudWatch in moto for demand: the per-unit counters the rendered KEDA triggers read, published
/// with the aws CLI, become the model's stored demand samples.
@Suite(
    "Process: demand polled from CloudWatch in moto",
    .serialized, .enabled(if: MotoServer.isInstalled && AWSCLI.isInstalled, "needs moto_server and the aws CLI"))
struct CloudWatchDemandEndToEndTests {
    let adminToken = "sy_process_test_admin_secret_cloudwatch"

    @Test("the demo's unit counters in hw-agnostic-infer are stored as sd21's demand, source cloudwatch")
    func pollsUnitCounters() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let aws = AWSCLI(endpoint: moto.endpoint)

        // 3000 + 1500 requests in every minute from five minutes ago to three ahead, so whichever minute is the newest
        // complete one while the test runs, sd21 served 75 requests per second in it.
        let minute = (Date().timeIntervalSince1970 / 60).rounded(.down) * 60
        var data: [[String: Any]] = []
        for offset in -5...3 {
            let timestamp = Int(minute) + offset * 60 + 1
            data.append(["MetricName": "sd21-inf2-counter", "Timestamp": timestamp, "Value": 3000, "Unit": "Count"])
            data.append(["MetricName": "sd21-trn1-counter", "Timestamp": timestamp, "Value": 1500, "Unit": "Count"])
        }
        let json = String(decoding: try JSONSerialization.data(withJSONObject: data), as: UTF8.self)
        _ = try await aws.run(["cloudwatch", "put-metric-data", "--namespace", "hw-agnostic-infer", "--metric-data", json])

        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-cloudwatch-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        var environment = AWSCLI.environment
        environment["AWS_ENDPOINT_URL_CLOUDWATCH"] = moto.endpoint.absoluteString
        let service = try await ServiceProcess(
            databasePath: directory.appendingPathComponent("switchyard.db").path, adminToken: adminToken,
            extraArguments: [
                "--demo", "--push-dir", directory.appendingPathComponent("push").path, "--demand-interval", "1",
                "--demand-cloudwatch-namespace", "hw-agnostic-infer", "--demand-cloudwatch-metric", "{unit}-counter",
                "--demand-cloudwatch-delay", "0",
            ],
            environment: environment)
        defer { _ = service.terminate() }

        var samples: [[String: Any]] = []
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let (body, status) = try await service.request("GET", "/v1/models/sd21/demand")
            #expect(status == 200)
            let object = try JSONSerialization.jsonObject(with: body) as? [String: Any]
            samples = object?["samples"] as? [[String: Any]] ?? []
            if !samples.isEmpty { break }
            try await Task.sleep(for: .milliseconds(250))
        }
        let sample = try #require(samples.last, "no demand sample stored; log:\n\(service.log())")
        #expect(sample["source"] as? String == "cloudwatch")
        #expect(sample["rps"] as? Double == 75)
        let observedAt = try #require((sample["observedAt"] as? String).flatMap(Self.date))
        #expect(observedAt.timeIntervalSince1970.truncatingRemainder(dividingBy: 60) == 0, "a period's end: \(observedAt)")
        #expect(service.log().contains("demand from cloudwatch"))
    }

    static func date(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

import AsyncHTTPClient
import Foundation
import SwitchyardFakes
import Testing
@testable import SwitchyardAdapters

/// The live CloudWatch client against moto in server mode: datapoints published with `PutMetricData` (signed with
/// static test credentials) come back through `GetMetricData`. Skipped only when moto is not installed.
@Suite("CloudWatch against moto", .enabled(if: MotoServer.isInstalled, "moto is not installed: pip install 'moto[server]'"))
struct CloudWatchMotoTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z, a whole minute

    static func client(_ moto: MotoServer) -> CloudWatchClient {
        CloudWatchClient(
            httpClient: .shared, region: MotoLoadBalancerFixture.region, endpoint: moto.endpoint,
            credentials: MotoLoadBalancerFixture.credentials,
            retryPolicy: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(50)))
    }

    static func at(_ seconds: TimeInterval) -> Date { t0.addingTimeInterval(seconds) }

    @Test("datapoints put with PutMetricData read back with GetMetricData as per-period sums, by exact dimension set")
    func putThenGet() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let cloudWatch = Self.client(moto)
        let sd21 = [CloudWatchDimension(name: "Model", value: "sd21")]
        try await cloudWatch.putMetricData(namespace: "switchyard-test", data: [
            CloudWatchDatum(metricName: "requests", dimensions: sd21, timestamp: Self.at(10), value: 600, unit: "Count"),
            CloudWatchDatum(metricName: "requests", dimensions: sd21, timestamp: Self.at(40), value: 300, unit: "Count"),
            CloudWatchDatum(metricName: "requests", dimensions: sd21, timestamp: Self.at(70), value: 60, unit: "Count"),
            CloudWatchDatum(
                metricName: "requests", dimensions: [CloudWatchDimension(name: "Model", value: "llama")],
                timestamp: Self.at(20), value: 5, unit: "Count"),
        ])
        let queries = [
            CloudWatchMetricQuery(id: "sd21", namespace: "switchyard-test", metricName: "requests", dimensions: sd21, periodSeconds: 60, stat: "Sum"),
            CloudWatchMetricQuery(id: "count", namespace: "switchyard-test", metricName: "requests", dimensions: sd21, periodSeconds: 60, stat: "SampleCount"),
            CloudWatchMetricQuery(
                id: "none", namespace: "switchyard-test", metricName: "requests",
                dimensions: [CloudWatchDimension(name: "Model", value: "mistral")], periodSeconds: 60, stat: "Sum"),
        ]
        let results = try await cloudWatch.getMetricData(queries: queries, start: Self.at(-60), end: Self.at(180))
        #expect(results.map(\.id) == ["sd21", "count", "none"])
        #expect(results.allSatisfy { $0.isComplete })
        let sums = Dictionary(uniqueKeysWithValues: zip(results[0].timestamps, results[0].values))
        #expect(sums == [Self.at(0): 900, Self.at(60): 60])
        let counts = Dictionary(uniqueKeysWithValues: zip(results[1].timestamps, results[1].values))
        #expect(counts == [Self.at(0): 2, Self.at(60): 1])
        #expect(results[2].timestamps.isEmpty)
        #expect(results[2].values.isEmpty)
    }
}

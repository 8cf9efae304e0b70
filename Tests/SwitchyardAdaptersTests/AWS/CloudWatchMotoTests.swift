import AsyncHTTPClient
import Foundation
import SwitchyardCore
import SwitchyardFakes
import Testing
@testable import SwitchyardAdapters

/// The live CloudWatch client and demand source against moto in server mode: datapoints published with
/// `PutMetricData` (signed with static test credentials) come back through `GetMetricData`. Skipped only when moto
/// is not installed.
@Suite("CloudWatch against moto", .enabled(if: MotoServer.isInstalled, "moto is not installed: pip install 'moto[server]'"))
struct CloudWatchMotoTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)  // 2027-01-15T08:00:00Z, a whole minute

    static func client(_ moto: MotoServer) -> CloudWatchClient {
        CloudWatchClient(
            httpClient: .shared, region: MotoLoadBalancer.region, endpoint: moto.endpoint,
            credentials: MotoLoadBalancer.credentials,
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

    @Test("the seed's per-unit counters: a model's rate is its units' Sum in the newest complete minute / 60")
    func seedCounters() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let cloudWatch = Self.client(moto)
        try await cloudWatch.putMetricData(namespace: "hw-agnostic-infer", data: [
            // The minute before: not the newest complete one.
            CloudWatchDatum(metricName: "sd21-inf2-counter", timestamp: Self.at(-30), value: 1200, unit: "Count"),
            // The newest complete minute, [t0, t0 + 60): 6300 + 1500 requests.
            CloudWatchDatum(metricName: "sd21-inf2-counter", timestamp: Self.at(5), value: 3000, unit: "Count"),
            CloudWatchDatum(metricName: "sd21-inf2-counter", timestamp: Self.at(35), value: 3300, unit: "Count"),
            CloudWatchDatum(metricName: "sd21-trn1-counter", timestamp: Self.at(50), value: 1500, unit: "Count"),
            // Still inside the delay: not complete yet.
            CloudWatchDatum(metricName: "sd21-inf2-counter", timestamp: Self.at(65), value: 99_999, unit: "Count"),
            // Another model's counter.
            CloudWatchDatum(metricName: "llama-inf2-counter", timestamp: Self.at(5), value: 42, unit: "Count"),
        ])
        let units = ["sd21": ["sd21-inf2", "sd21-trn1", "sd21-g5"], "llama": ["llama-inf2"]]
        let source = try CloudWatchDemandSource(
            client: cloudWatch,
            configuration: .init(namespace: "hw-agnostic-infer", metricNames: ["{unit}-counter"]),
            unitNames: { units[$0] ?? [] }, now: { Self.at(150) })

        #expect(try await source.sample(model: "sd21") == DemandSample(model: "sd21", observedAt: Self.at(60), rps: 130, source: "cloudwatch"))
        #expect(try await source.sample(model: "llama") == DemandSample(model: "llama", observedAt: Self.at(60), rps: 0.7, source: "cloudwatch"))
        // A model without units, and one whose units published nothing.
        #expect(try await source.sample(model: "mistral") == nil)
        let silent = try CloudWatchDemandSource(
            client: cloudWatch, configuration: .init(namespace: "hw-agnostic-infer", metricNames: ["{unit}-counter"]),
            unitNames: { _ in ["mistral-inf2"] }, now: { Self.at(150) })
        #expect(try await silent.sample(model: "mistral") == nil)
    }

    @Test("one query per value of a repeated dimension, added up; a metric with another dimension set does not count")
    func dimensionSets() async throws {
        let moto = try await MotoServer.start()
        defer { moto.stop() }
        let cloudWatch = Self.client(moto)
        func datum(_ unit: String?, _ seconds: TimeInterval, _ value: Double) -> CloudWatchDatum {
            var dimensions = [CloudWatchDimension(name: "Model", value: "sd21")]
            if let unit { dimensions.append(CloudWatchDimension(name: "Unit", value: unit)) }
            return CloudWatchDatum(metricName: "RequestCount", dimensions: dimensions, timestamp: Self.at(seconds), value: value, unit: "Count")
        }
        try await cloudWatch.putMetricData(namespace: "switchyard-alb", data: [
            datum("sd21-inf2", 1, 2100), datum("sd21-inf2", 2, 2100),
            datum("sd21-g5", 3, 1800),
            datum("sd21-g6", 4, 999),  // a unit not asked for
            datum(nil, 5, 50_000),  // the model's total under another dimension set
        ])
        let source = try CloudWatchDemandSource(
            client: cloudWatch,
            configuration: .init(
                namespace: "switchyard-alb", metricNames: ["RequestCount"],
                dimensions: [
                    .init(name: "Model", valueTemplate: "{model}"),
                    .init(name: "Unit", valueTemplate: "{model}-inf2"),
                    .init(name: "Unit", valueTemplate: "{model}-g5"),
                ],
                delaySeconds: 0),
            now: { Self.at(60) })
        let sample = try #require(try await source.sample(model: "sd21"))
        #expect(sample == DemandSample(model: "sd21", observedAt: Self.at(60), rps: 100, source: "cloudwatch"))
    }
}

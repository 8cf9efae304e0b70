import AsyncHTTPClient
import Foundation
import SwitchyardAdapters
import SwitchyardFakes
import SwitchyardCore
import Testing

@Suite("Demand sources")
struct DemandSourceTests {
    static let metrics = """
        # TYPE switchyard_test_demand_rps gauge
        switchyard_test_demand_rps{model="sd21",unit="sd21-inf2"} 80
        switchyard_test_demand_rps{model="sd21",unit="sd21-g5"} 43.5
        switchyard_test_demand_rps{model="idle",unit="idle-inf2"} 0

        """

    @Test("the query template names the model where it says {model}")
    func queryTemplate() {
        let source = PrometheusDemandSource(
            client: PrometheusQueryClient(httpClient: .shared, baseURL: "http://127.0.0.1:1"),
            queryTemplate: #"sum(rate(requests_total{model="{model}"}[1m])) + sum(x{m="{model}"})"#)
        #expect(source.query(model: "sd21") == #"sum(rate(requests_total{model="sd21"}[1m])) + sum(x{m="sd21"})"#)
        #expect(source.query(model: #"a"b"#) == #"sum(rate(requests_total{model="a\"b"}[1m])) + sum(x{m="a\"b"})"#)
    }

    @Test("an unreachable Prometheus is a typed error")
    func unreachable() async throws {
        let source = PrometheusDemandSource(
            client: PrometheusQueryClient(httpClient: .shared, baseURL: "http://127.0.0.1:1", timeout: .seconds(2)),
            queryTemplate: #"sum(x{model="{model}"})"#)
        await #expect(throws: PrometheusError.self) { try await source.sample(model: "sd21") }
    }

    @Test("a real Prometheus: a model's rate is the sum of its series; a model without series has no sample",
          .enabled(if: PrometheusProcess.binary != nil, "the prometheus binary is not installed"))
    func realPrometheus() async throws {
        try await ScriptedHTTPServer.with([.init(status: 200, body: Self.metrics)]) { url, exporter in
            let prometheus = try PrometheusProcess(scraping: url)
            defer { prometheus.stop() }
            let observedAt = Date(timeIntervalSince1970: 1_800_000_000)
            let source = PrometheusDemandSource(
                client: PrometheusQueryClient(httpClient: .shared, baseURL: prometheus.baseURL),
                queryTemplate: #"sum(switchyard_test_demand_rps{model="{model}"})"#, now: { observedAt })

            // A scrape that misses its one-second timeout on a busy machine marks the series stale for a moment,
            // so both models are read in the same round, until both have data.
            var sample: DemandSample?
            var idle: DemandSample?
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                sample = try? await source.sample(model: "sd21")
                idle = try? await source.sample(model: "idle")
                if sample != nil, idle != nil { break }
                try await Task.sleep(for: .milliseconds(250))
            }
            #expect(sample == DemandSample(model: "sd21", observedAt: observedAt, rps: 123.5, source: "prometheus"))
            #expect(idle?.rps == 0)
            #expect(try await source.sample(model: "unknown") == nil)
            #expect(!exporter.received.isEmpty, "Prometheus scraped the exporter")

            let broken = PrometheusDemandSource(
                client: PrometheusQueryClient(httpClient: .shared, baseURL: prometheus.baseURL), queryTemplate: "sum({model}")
            await #expect(throws: PrometheusError.self) { try await broken.sample(model: "sd21") }
        }
    }

    @Test("the in-memory source answers what it was told, and says what it was asked")
    func inMemory() async throws {
        let observedAt = Date(timeIntervalSince1970: 1_800_000_000)
        let source = InMemoryDemandSource(now: { observedAt })
        source.set(.rate(12), for: "sd21")
        source.set(.failure("down"), for: "llama")
        #expect(try await source.sample(model: "sd21") == DemandSample(model: "sd21", observedAt: observedAt, rps: 12, source: "replay"))
        await #expect(throws: InMemoryDemandSource.Failure(message: "down")) { try await source.sample(model: "llama") }
        #expect(try await source.sample(model: "other") == nil)
        source.set(nil, for: "sd21")
        #expect(try await source.sample(model: "sd21") == nil)
        #expect(source.asked == ["sd21", "llama", "other", "sd21"])
    }
}

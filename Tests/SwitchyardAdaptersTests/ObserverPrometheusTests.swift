import AsyncHTTPClient
import Foundation
import SwitchyardFakes
import SwitchyardAdapters
import SwitchyardCore
import Testing

@Suite("Prometheus capacity observer")
struct ObserverPrometheusTests {
    static let metrics = """
        # TYPE karpenter_cloudprovider_instance_type_offering_available gauge
        karpenter_cloudprovider_instance_type_offering_available{nodepool="amd-neuron"} 0
        karpenter_cloudprovider_instance_type_offering_available{nodepool="amd-nvidia"} 1

        """

    @Test("a real Prometheus scraping an unavailable offering reports that pool short and the other recovered",
          .enabled(if: PrometheusProcess.binary != nil, "the prometheus binary is not installed"))
    func realPrometheus() async throws {
        try await ScriptedHTTPServer.with([.init(status: 200, body: Self.metrics)]) { url, exporter in
            let prometheus = try PrometheusProcess(scraping: url)
            defer { prometheus.stop() }
            let observer = PrometheusCapacityObserver(
                client: PrometheusQueryClient(httpClient: .shared, baseURL: prometheus.baseURL),
                pools: ["amd-neuron", "amd-nvidia"], interval: .milliseconds(500))

            var signals: [CapacitySignal] = []
            let deadline = ContinuousClock.now + .seconds(60)
            while ContinuousClock.now < deadline {
                signals = (try? await observer.observe()) ?? []
                if signals.contains(where: { $0.condition == .short }) { break }
                try await Task.sleep(for: .milliseconds(250))
            }

            let neuron = try #require(signals.first { $0.pool == "amd-neuron" })
            #expect(neuron.condition == .short)
            #expect(neuron.source == .prometheus)
            #expect(neuron.evidence.contains("nodepool=amd-neuron"))
            #expect(signals.first { $0.pool == "amd-nvidia" }?.condition == .recovered)
            #expect(!exporter.received.isEmpty, "Prometheus scraped the exporter")

            // The stream reports each pool once, then only changes.
            var iterator = observer.signals().makeAsyncIterator()
            let first = await iterator.next()
            let second = await iterator.next()
            #expect(Set([first?.pool, second?.pool]) == ["amd-neuron", "amd-nvidia"])

            // A query Prometheus refuses is a typed error.
            await #expect(throws: PrometheusError.self) {
                try await PrometheusQueryClient(httpClient: .shared, baseURL: prometheus.baseURL).query("sum(")
            }
        }
    }
}

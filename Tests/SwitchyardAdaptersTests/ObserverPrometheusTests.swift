import AsyncHTTPClient
import Foundation
import SwitchyardFakes
import SwitchyardAdapters
import SwitchyardCore
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// A real Prometheus (the `prometheus` binary) on a free loopback port, scraping one target every second,
/// stopped by its process id.
final class PrometheusProcess: @unchecked Sendable {
    let port: Int
    let process: Process
    let directory: URL

    static var binary: String? {
        ["/usr/bin/prometheus", "/usr/local/bin/prometheus"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    var baseURL: String { "http://127.0.0.1:\(port)" }

    init(scraping target: URL) throws {
        guard let binary = Self.binary else { throw PrometheusProcessError.notInstalled }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: karpenter
                metrics_path: \(target.path.isEmpty ? "/" : target.path)
                static_configs:
                  - targets: ["\(target.host ?? "127.0.0.1"):\(target.port ?? 80)"]
            """
        let configFile = directory.appendingPathComponent("prometheus.yml")
        try config.write(to: configFile, atomically: true, encoding: .utf8)
        port = try FreePort.find()
        process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = [
            "--config.file=\(configFile.path)", "--storage.tsdb.path=\(directory.appendingPathComponent("data").path)",
            "--web.listen-address=127.0.0.1:\(port)",
        ]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
    }

    func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

enum PrometheusProcessError: Error {
    case notInstalled
}

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

import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A real Prometheus (the `prometheus` binary) on a free loopback port, scraping one target every second,
/// stopped by its process id.
public final class PrometheusProcess: @unchecked Sendable {
    public let port: Int
    let process: Process
    let directory: URL

    public static var binary: String? {
        ["/usr/bin/prometheus", "/usr/local/bin/prometheus"].first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public var baseURL: String { "http://127.0.0.1:\(port)" }

    /// - Parameter job: the scrape job's name, the `job` label of every series scraped.
    public init(scraping target: URL, job: String = "karpenter") throws {
        guard let binary = Self.binary else { throw PrometheusProcessError.notInstalled }
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("switchyard-prometheus-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let config = """
            global:
              scrape_interval: 1s
              evaluation_interval: 1s
            scrape_configs:
              - job_name: \(job)
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

    public func stop() {
        if process.isRunning {
            kill(process.processIdentifier, SIGTERM)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(at: directory)
    }
}

public enum PrometheusProcessError: Error {
    case notInstalled
}

import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Synchronization

/// A loopback Prometheus exporter serving whatever text exposition a test sets, at `/metrics`: the synthetic
/// metrics a real Prometheus scrapes. Change the text while it runs to play a service whose metrics change.
public final class MetricsExporter: Sendable {
    private let text: Mutex<String>

    private init(text: String) {
        self.text = Mutex(text)
    }

    /// The exposition served from now on.
    public func serve(_ text: String) {
        self.text.withLock { $0 = text }
    }

    /// Runs `body` with an exporter on a free loopback port serving `text`, then stops it.
    public static func with<T: Sendable>(
        serving text: String, _ body: @Sendable (_ url: URL, _ exporter: MetricsExporter) async throws -> T
    ) async throws -> T {
        let exporter = MetricsExporter(text: text)
        let router = Router()
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4"],
                body: .init(byteBuffer: ByteBuffer(string: exporter.text.withLock { $0 })))
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var quiet = Logger(label: "metrics-exporter")
        quiet.logLevel = .critical
        let app = Application(
            router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: quiet)
        return try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await app.run() }
            defer { group.cancelAll() }
            var iterator = ports.makeAsyncIterator()
            guard let port = await iterator.next(), port != 0 else { throw MetricsExporterError.didNotStart }
            return try await body(URL(string: "http://127.0.0.1:\(port)/metrics")!, exporter)
        }
    }
}

public enum MetricsExporterError: Error {
    case didNotStart
}

import Logging
import ServiceLifecycle

/// Runs a drift-correction pass and then a convergence pass every `interval`, as a service of the process's
/// service group: live values edited by hand are restored, and a desired state not yet in force is applied again.
///
/// The wait between passes ends at once on graceful shutdown; a pass in progress is finished first, so a
/// restoration is never cut off between pushing and auditing.
public struct DriftCorrectionService: Service {
    private let corrector: DriftCorrector
    private let interval: Duration
    private let sleep: @Sendable (Duration) async throws -> Void
    private let onPass: @Sendable (DriftReport) async -> Void
    private let logger: Logger

    /// - Parameters:
    ///   - sleep: waits between passes; injected so tests can step the loop. Must throw when cancelled.
    ///   - onPass: told each pass's report, e.g. for metrics.
    public init(
        corrector: DriftCorrector, interval: Duration,
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        onPass: @escaping @Sendable (DriftReport) async -> Void = { _ in },
        logger: Logger = Logger(label: "switchyard.drift")
    ) {
        self.corrector = corrector
        self.interval = interval
        self.sleep = sleep
        self.onPass = onPass
        self.logger = logger
    }

    public func run() async throws {
        let sleep = self.sleep
        let interval = self.interval
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await cancelWhenGracefulShutdown { try await sleep(interval) }
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                throw error
            }
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            do {
                var report = try await corrector.correctOnce()
                try await corrector.convergeOnce(into: &report)
                await onPass(report)
            } catch {
                // The store failing is no reason to stop correcting: the next pass tries again.
                logger.error("drift pass failed", metadata: ["error": "\(error)"])
            }
        }
    }
}

import Logging
import ServiceLifecycle
import SwitchyardAdapters

/// Runs a drift-correction pass and then a convergence pass every `interval`, as a service of the process's
/// service group: live values edited by hand are restored, and a desired state not yet in force is applied again.
/// While a convergence pass leaves something failed (a 503, a 409, a target out of reach) or a failover push
/// interrupted it, convergence alone is tried again sooner, after a capped exponential backoff with jitter
/// (by default 5 s doubling up to the interval), until it is all in force.
///
/// The wait between passes ends at once on graceful shutdown; a pass in progress is finished first, so a
/// restoration is never cut off between pushing and auditing.
public struct DriftCorrectionService: Service {
    private let corrector: DriftCorrector
    private let interval: Duration
    private let retryBackoff: RetryPolicy
    private let sleep: @Sendable (Duration) async throws -> Void
    private let onPass: @Sendable (DriftReport) async -> Void
    private let leadership: any Leadership
    private let logger: Logger

    /// - Parameters:
    ///   - sleep: waits between passes; injected so tests can step the loop. Must throw when cancelled.
    ///   - onPass: told each pass's report, e.g. for metrics.
    ///   - retryBackoff: its `backoff(attempt:)` paces convergence retries; capped at `interval`.
    ///   - leadership: passes run only while this replica leads; a follower leaves the pushing to the leader.
    public init(
        corrector: DriftCorrector, interval: Duration, leadership: any Leadership = SingleReplicaLeadership(),
        retryBackoff: RetryPolicy = RetryPolicy(baseDelay: .seconds(10), maxDelay: .seconds(300)),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        onPass: @escaping @Sendable (DriftReport) async -> Void = { _ in },
        logger: Logger = Logger(label: "switchyard.drift")
    ) {
        self.corrector = corrector
        self.interval = interval
        self.retryBackoff = retryBackoff
        self.sleep = sleep
        self.onPass = onPass
        self.leadership = leadership
        self.logger = logger
    }

    public func run() async throws {
        let sleep = self.sleep
        var failedConvergences = 0
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let retrying = failedConvergences > 0
            let wait = retrying ? min(interval, retryBackoff.backoff(attempt: failedConvergences)) : interval
            do {
                try await cancelWhenGracefulShutdown { try await sleep(wait) }
            } catch {
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                throw error
            }
            if Task.isShuttingDownGracefully || Task.isCancelled { return }
            guard await leadership.isLeader else {
                failedConvergences = 0
                continue
            }
            do {
                // A retry only converges; the drift pass keeps to its interval.
                var report = retrying ? DriftReport() : try await corrector.correctOnce()
                try await corrector.convergeOnce(into: &report)
                failedConvergences = report.reapplyFailures.isEmpty && !report.preempted ? 0 : failedConvergences + 1
                await onPass(report)
            } catch {
                // The store failing is no reason to stop correcting: the next pass tries again.
                failedConvergences += 1
                logger.error("drift pass failed", metadata: ["error": "\(error)"])
            }
        }
    }
}

import Foundation
import Logging
import SwitchyardAdapters
import SwitchyardCore

/// Runs one capacity observer for as long as its task lives: hands its signals on, keeps ``ObserverHealth``
/// current, and starts it again whenever its stream ends, after a capped exponential backoff with full jitter
/// (reset once the observer reaches its source again). It never gives up.
public struct ObserverSupervisor: Sendable {
    let observer: any CapacityObserver
    let health: ObserverHealth
    let backoff: RetryPolicy
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger

    /// - Parameter backoff: its `backoff(attempt:)` paces restarts (by default 0.5 s doubling to at most 30 s).
    public init(
        observer: any CapacityObserver, health: ObserverHealth,
        backoff: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(500), maxDelay: .seconds(30)),
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "switchyard.observer.supervisor")
    ) {
        self.observer = observer
        self.health = health
        self.backoff = backoff
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    /// Runs until cancelled, calling `report` with each signal and `warn` with each node warning.
    public func run(
        report: @Sendable (CapacitySignal) async -> Void, warn: @Sendable (NodeWarning) async -> Void = { _ in }
    ) async {
        let name = observer.name
        health.starting(name, at: now())
        var failures = 0
        while !Task.isCancelled {
            var lastError = "the observer's stream ended"
            for await event in observer.events() {
                switch event {
                case .signal(let signal):
                    health.signalled(name, at: now())
                    await report(signal)
                case .warning(let warning):
                    health.signalled(name, at: now())
                    await warn(warning)
                case .up:
                    failures = 0
                    health.watching(name, at: now())
                case .down(let reason):
                    lastError = reason
                    health.retrying(name, error: reason, at: now())
                }
            }
            guard !Task.isCancelled else { return }
            failures += 1
            health.retrying(name, error: lastError, at: now())
            let wait = backoff.backoff(attempt: failures)
            logger.warning("capacity observer stopped; starting it again", metadata: [
                "observer": "\(name)", "error": "\(lastError)", "attempt": "\(failures)",
                "waitMs": "\(wait.components.seconds * 1000 + wait.components.attoseconds / 1_000_000_000_000_000)",
            ])
            do {
                try await clock.sleep(for: wait)
            } catch {
                return
            }
            health.restarted(name)
        }
    }
}

import Foundation
import Logging
import ServiceLifecycle

/// Runs ``AdaptiveController`` passes every interval, forever, and at once whenever the controller is woken (an
/// operator's demand report) or `wakeups` yields (the failover loop's pool-health changes): a failed pass is
/// logged and the next one runs on time. A service of the process's service group; ends on graceful shutdown or
/// cancellation.
public struct AdaptiveLoop: ServiceLifecycle.Service, Sendable {
    let controller: AdaptiveController
    let interval: Duration
    let wakeups: AsyncStream<Void>?
    let clock: any Clock<Duration>
    let logger: Logger

    public init(
        controller: AdaptiveController, interval: Duration = .seconds(60), wakeups: AsyncStream<Void>? = nil,
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "switchyard.adaptive.loop")
    ) {
        self.controller = controller
        self.interval = interval
        self.wakeups = wakeups
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.runUntilCancelled()
        }
    }

    /// Passes until the task is cancelled.
    public func runUntilCancelled() async {
        logger.info("adaptive loop started", metadata: ["interval": "\(interval)"])
        let listeners = [(controller.wakeups, "demand report")] + (wakeups.map { [($0, "pool health")] } ?? [])
        let tasks = listeners.map { stream, trigger in
            Task {
                for await _ in stream {
                    await self.runPass(trigger: trigger)
                }
            }
        }
        defer { tasks.forEach { $0.cancel() } }
        while !Task.isCancelled {
            await runPass(trigger: "interval")
            do {
                try await clock.sleep(for: interval)
            } catch {
                break
            }
        }
        logger.info("adaptive loop stopped")
    }

    private func runPass(trigger: String) async {
        do {
            try await controller.pass(now: Date())
        } catch {
            logger.error("adaptive pass failed", metadata: ["error": "\(error)", "trigger": "\(trigger)"])
        }
    }
}

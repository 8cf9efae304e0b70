import Foundation
import Logging
import ServiceLifecycle

/// Runs ``AdaptiveController`` passes every interval, forever: a failed pass is logged and the next one runs on
/// time. A service of the process's service group; ends on graceful shutdown or cancellation.
public struct AdaptiveLoop: ServiceLifecycle.Service, Sendable {
    let controller: AdaptiveController
    let interval: Duration
    let clock: any Clock<Duration>
    let logger: Logger

    public init(
        controller: AdaptiveController, interval: Duration = .seconds(60), clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "switchyard.adaptive.loop")
    ) {
        self.controller = controller
        self.interval = interval
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
        while !Task.isCancelled {
            do {
                try await controller.pass(now: Date())
            } catch {
                logger.error("adaptive pass failed", metadata: ["error": "\(error)"])
            }
            do {
                try await clock.sleep(for: interval)
            } catch {
                break
            }
        }
        logger.info("adaptive loop stopped")
    }
}

import Foundation
import Logging
import ServiceLifecycle

/// Runs ``RolloutController`` passes every interval, forever: a failed pass is logged and the next one runs on time.
/// A service of the process's service group; ends on graceful shutdown or cancellation.
public struct RolloutLoop: ServiceLifecycle.Service, Sendable {
    let controller: RolloutController
    let interval: Duration
    let clock: any Clock<Duration>
    let logger: Logger

    public init(
        controller: RolloutController, interval: Duration = .seconds(15), clock: any Clock<Duration> = ContinuousClock(),
        logger: Logger = Logger(label: "switchyard.rollout.loop")
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
        logger.info("rollout loop started", metadata: ["interval": "\(interval)"])
        while !Task.isCancelled {
            do {
                try await controller.pass(now: Date())
            } catch {
                logger.error("rollout pass failed", metadata: ["error": "\(error)"])
            }
            do {
                try await clock.sleep(for: interval)
            } catch {
                break
            }
        }
        logger.info("rollout loop stopped")
    }
}

import Foundation
import Logging
import ServiceLifecycle
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// The failover loop, a service of the process's service group: feeds every observer's signals to the
/// ``FailoverController`` (each observer under an ``ObserverSupervisor``, which restarts it whenever it stops) and
/// runs a pass at start, after every report or pin (here, or a signal recorded by a replica sharing the database), and
/// every `interval` (which
/// promotes pools whose hold time has passed). Passes on a replica without the lease do nothing. Ends on
/// graceful shutdown or cancellation.
public struct FailoverLoop: ServiceLifecycle.Service, Sendable {
    let controller: FailoverController
    let observers: [any CapacityObserver]
    let health: ObserverHealth
    let restartBackoff: RetryPolicy
    let interval: Duration
    let clock: any Clock<Duration>
    let now: @Sendable () -> Date
    let logger: Logger

    /// - Parameters:
    ///   - interval: time between passes when nothing is reported.
    ///   - clock: paces the periodic pass; tests pass a manual clock.
    ///   - now: the time a pass decides at.
    ///   - health: where the observers' states are kept (the controller's, for `GET /v1/failover`).
    ///   - restartBackoff: paces restarts of an observer whose stream ended.
    public init(
        controller: FailoverController, observers: [any CapacityObserver] = [], interval: Duration = .seconds(5),
        health: ObserverHealth? = nil, restartBackoff: RetryPolicy = RetryPolicy(baseDelay: .milliseconds(500), maxDelay: .seconds(30)),
        clock: any Clock<Duration> = ContinuousClock(), now: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "switchyard.failover.loop")
    ) {
        self.controller = controller
        self.observers = observers
        self.health = health ?? controller.observerHealth
        self.restartBackoff = restartBackoff
        self.interval = interval
        self.clock = clock
        self.now = now
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.runUntilCancelled()
        }
    }

    /// Runs until the task is cancelled.
    public func runUntilCancelled() async {
        logger.info("failover loop started", metadata: ["observers": "\(observers.map(\.name).joined(separator: ","))"])
        await runPass(trigger: "start")
        await withTaskGroup(of: Void.self) { group in
            for observer in observers {
                let supervisor = ObserverSupervisor(
                    observer: observer, health: health, backoff: restartBackoff, clock: clock, now: now)
                group.addTask {
                    await supervisor.run(
                        report: { signal in await self.report(signal, from: observer.name) },
                        warn: { warning in await self.warn(warning, from: observer.name) })
                }
            }
            group.addTask {
                for await _ in controller.wakeups {
                    await self.runPass(trigger: "report")
                }
            }
            group.addTask {
                // A replica that takes over acts on the state as it finds it at once.
                while !Task.isCancelled {
                    if await controller.leadership.waitForNewTenure(timeout: interval) {
                        await self.runPass(trigger: "leading")
                    }
                }
            }
            group.addTask {
                // Signals posted to another replica sharing the database reach the leader this way.
                while !Task.isCancelled {
                    if await controller.database.waitForCapacitySignal(timeout: interval) {
                        await self.runPass(trigger: "signal")
                    }
                }
            }
            group.addTask {
                while !Task.isCancelled {
                    do {
                        try await clock.sleep(for: interval)
                    } catch {
                        return
                    }
                    await self.runPass(trigger: "interval")
                }
            }
            await group.waitForAll()
        }
        logger.info("failover loop stopped")
    }

    /// What an observer's report is recorded as.
    private static func context(of observer: String) -> ChangeContext {
        ChangeContext(actor: "observer:\(observer)", requestID: "observer-\(UUID().uuidString.lowercased())")
    }

    private func report(_ signal: CapacitySignal, from observer: String) async {
        do {
            try await controller.report(signal, context: Self.context(of: observer))
        } catch {
            logger.warning("capacity signal refused", metadata: [
                "observer": "\(observer)", "pool": "\(signal.pool)", "error": "\(error)",
            ])
        }
    }

    private func warn(_ warning: NodeWarning, from observer: String) async {
        do {
            try await controller.warn(warning, context: Self.context(of: observer))
        } catch {
            logger.warning("node warning not recorded", metadata: [
                "observer": "\(observer)", "node": "\(warning.node)", "error": "\(error)",
            ])
        }
    }

    private func runPass(trigger: String) async {
        guard !Task.isCancelled else { return }
        do {
            let report = try await controller.pass(now: now())
            if report.outcome != .unchanged && report.outcome != .notLeader {
                logger.info("failover pass", metadata: [
                    "trigger": "\(trigger)", "outcome": "\(report.outcome.rawValue)",
                    "switched": "\(report.committed.map(\.model).joined(separator: ","))",
                    "failed": "\(report.failed.keys.sorted().joined(separator: ","))",
                ])
            }
        } catch {
            logger.error("failover pass failed", metadata: ["trigger": "\(trigger)", "error": "\(error)"])
        }
    }
}

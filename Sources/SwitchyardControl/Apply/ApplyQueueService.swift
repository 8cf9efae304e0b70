import Foundation
import Logging
import ServiceLifecycle
import SwitchyardStore

/// On the leader, pushes the applies that followers queued in the shared database, oldest first, and records each
/// one's report (or error) for the follower waiting on it. Wakes when a request is queued by any replica, and every
/// `interval` in any case. A request a previous leader took and left running (it died mid-push) is taken again.
public struct ApplyQueueService: Service {
    let queue: any ApplyQueueStore
    let apply: ApplyService
    let leadership: any Leadership
    /// This replica's identity, which with its spell of leadership names who took a request.
    let identity: String
    let interval: Duration
    let logger: Logger

    public init(
        queue: any ApplyQueueStore, apply: ApplyService, leadership: any Leadership, identity: String,
        interval: Duration = .seconds(1), logger: Logger = Logger(label: "switchyard.apply-queue")
    ) {
        self.queue = queue
        self.apply = apply
        self.leadership = leadership
        self.identity = identity
        self.interval = interval
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    while !Task.isCancelled {
                        if await leadership.isLeader { await drain() }
                        await queue.waitForApplyQueueChange(timeout: interval)
                    }
                }
                group.addTask {
                    // A replica that takes over pushes what waits (or what its predecessor left running) at once.
                    while !Task.isCancelled {
                        if await leadership.waitForNewTenure(timeout: interval) { await drain() }
                    }
                }
            }
        }
    }

    /// Pushes queued applies while this replica leads and some are pending.
    package func drain() async {
        while !Task.isCancelled, let tenure = await leadership.tenure {
            let request: QueuedApply
            do {
                guard let next = try await queue.takeQueuedApply(taker: "\(identity)#\(tenure)") else { return }
                request = next
            } catch {
                logger.warning("apply queue unreadable", metadata: ["error": "\(error)"])
                return
            }
            let outcome: QueuedApplyOutcome
            do {
                let report = try await apply.apply(models: request.models.map(Set.init), context: request.context)
                outcome = .done(try Self.json(report))
            } catch let error as ApplyError {
                outcome = .failed((try? Self.json(error)) ?? "{}")
            } catch {
                outcome = .failed((try? Self.json(ApplyError.leaderFailed("\(error)"))) ?? "{}")
            }
            do {
                try await queue.finishQueuedApply(id: request.id, outcome: outcome)
            } catch {
                logger.warning(
                    "queued apply pushed but its outcome not recorded",
                    metadata: ["id": "\(request.id)", "requestID": "\(request.context.requestID)", "error": "\(error)"])
            }
            logger.info(
                "queued apply pushed",
                metadata: ["id": "\(request.id)", "requestID": "\(request.context.requestID)", "actor": "\(request.context.actor)"])
        }
    }

    static func json<Value: Encodable>(_ value: Value) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}

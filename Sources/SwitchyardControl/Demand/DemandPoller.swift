import Foundation
import Logging
import ServiceLifecycle
import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// Asks every demand source for the demand of every registered model, at start and then every `interval`,
/// and stores the samples (which prunes those past the retention). A source that fails for a model, or a
/// sample the store refuses, is logged and asked for again at the next poll: the poller never gives up.
/// Only the leader polls, so several replicas do not store each observation several times. A service of the
/// process's service group; ends on graceful shutdown or cancellation.
public struct DemandPoller: ServiceLifecycle.Service, Sendable {
    /// Models asked about at once, so one slow answer does not hold up the rest of a poll.
    static let concurrency = 8

    let database: any ServiceStore
    let sources: [any DemandSource]
    let interval: Duration
    let retention: TimeInterval
    let leadership: any Leadership
    let clock: any Clock<Duration>
    let logger: Logger

    /// - Parameters:
    ///   - interval: time between polls.
    ///   - retention: how long stored samples are kept.
    ///   - clock: paces the polls; tests pass a manual clock.
    package init(
        database: any ServiceStore, sources: [any DemandSource], interval: Duration = .seconds(60),
        retention: TimeInterval = DemandRetention.defaultSeconds, leadership: any Leadership = SingleReplicaLeadership(),
        clock: any Clock<Duration> = ContinuousClock(), logger: Logger = Logger(label: "switchyard.demand.poller")
    ) {
        self.database = database
        self.sources = sources
        self.interval = interval
        self.retention = retention
        self.leadership = leadership
        self.clock = clock
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            await self.runUntilCancelled()
        }
    }

    /// Polls until the task is cancelled.
    public func runUntilCancelled() async {
        logger.info("demand poller started", metadata: [
            "sources": "\(sources.map(\.name).joined(separator: ","))", "interval": "\(interval)",
        ])
        while !Task.isCancelled {
            if await leadership.isLeader { await pollOnce() }
            do {
                try await clock.sleep(for: interval)
            } catch {
                break
            }
        }
        logger.info("demand poller stopped")
    }

    /// One poll of every source for every registered model.
    @discardableResult
    public func pollOnce() async -> DemandPollReport {
        let models: [String]
        do {
            models = try await registeredModels()
        } catch {
            logger.error("demand poll could not list models", metadata: ["error": "\(error)"])
            return DemandPollReport()
        }
        var report = DemandPollReport()
        let pairs = models.flatMap { model in sources.indices.map { (model, $0) } }
        var next = pairs.startIndex
        await withTaskGroup(of: DemandPollReport.self) { group in
            func addNext() {
                guard next < pairs.endIndex else { return }
                let (model, index) = pairs[next]
                next += 1
                group.addTask { await self.poll(model: model, source: self.sources[index]) }
            }
            for _ in 0..<Self.concurrency { addNext() }
            for await partial in group {
                report.stored += partial.stored
                report.empty += partial.empty
                report.failures += partial.failures
                addNext()
            }
        }
        report.stored.sort { ($0.model, $0.source) < ($1.model, $1.source) }
        report.failures.sort { ($0.model, $0.source) < ($1.model, $1.source) }
        logger.debug("demand poll", metadata: [
            "models": "\(models.count)", "stored": "\(report.stored.count)", "empty": "\(report.empty)",
            "failed": "\(report.failures.count)",
        ])
        return report
    }

    private func poll(model: String, source: any DemandSource) async -> DemandPollReport {
        do {
            guard let sample = try await source.sample(model: model) else { return DemandPollReport(empty: 1) }
            let stored = try await database.appendDemandSamples([sample], retention: retention)
            return DemandPollReport(stored: stored)
        } catch {
            logger.warning("demand observation failed", metadata: [
                "model": "\(model)", "source": "\(source.name)", "error": "\(error)",
            ])
            return DemandPollReport(failures: [.init(model: model, source: source.name, message: "\(error)")])
        }
    }

    private func registeredModels() async throws -> [String] {
        var names: [String] = []
        var cursor: String?
        repeat {
            let page = try await database.list(ServedModel.self, filter: .init(), after: cursor, limit: 1000)
            names += page.items.map(\.value.name)
            cursor = page.nextCursor
        } while cursor != nil
        return names
    }
}

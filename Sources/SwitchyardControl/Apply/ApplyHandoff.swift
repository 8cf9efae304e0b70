import Foundation
import SwitchyardStore

/// Where an operator's apply runs when several replicas share one database: on the leader. A replica that leads
/// pushes itself; one that follows queues the apply in the shared database and waits for the leader's report, so that
/// only the leader ever pushes.
public struct ApplyHandoff: Sendable {
    let queue: any ApplyQueueStore
    let leadership: any Leadership
    /// How long a queued apply may wait for the leader to take it before it is withdrawn.
    let timeout: Duration

    public init(queue: any ApplyQueueStore, leadership: any Leadership, timeout: Duration = .seconds(30)) {
        self.queue = queue
        self.leadership = leadership
        self.timeout = timeout
    }

    /// Whether this replica pushes its applies itself.
    public var pushesHere: Bool {
        get async { await leadership.isLeader }
    }

    /// Queues the apply for the leader and returns its report, or throws the error it met. `notTakenByLeader` when no
    /// leader took it within the timeout (it is withdrawn then, so it is never pushed late).
    public func handOver(models: Set<String>?, context: ChangeContext) async throws -> ApplyReport {
        let id = try await queue.enqueueApply(models: models?.sorted(), context: context)
        let deadline = ContinuousClock.now + timeout
        while true {
            switch try await queue.queuedApplyOutcome(id: id) {
            case .done(let report)?:
                return try JSONDecoder().decode(ApplyReport.self, from: Data(report.utf8))
            case .failed(let error)?:
                throw try JSONDecoder().decode(ApplyError.self, from: Data(error.utf8))
            case .withdrawn?:
                throw ApplyError.notTakenByLeader(waitedSeconds: Int(timeout.components.seconds))
            case .pending?, .running?, nil:
                let left = deadline - ContinuousClock.now
                if left <= .zero, try await queue.withdrawQueuedApply(id: id) {
                    throw ApplyError.notTakenByLeader(waitedSeconds: Int(timeout.components.seconds))
                }
                // Taken: the leader is pushing it, and its pushes are bounded by their own timeouts.
                await queue.waitForApplyQueueChange(timeout: max(.milliseconds(50), min(left, .milliseconds(500))))
            }
        }
    }
}

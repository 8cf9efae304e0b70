import Foundation

/// Applies handed from a replica that does not lead to the one that does, through the shared database: the follower
/// queues a request and waits for its outcome; the leader takes the oldest pending request, pushes, and records the
/// outcome. A request goes pending, then running, then done or failed; or withdrawn while still pending. A request left
/// running by a leader that is gone is taken again by its successor (an apply pushes the desired state as it stands, so
/// pushing it twice changes nothing more); the first outcome recorded is the one that stands.
public protocol ApplyQueueStore: Sendable {
    /// Queues an apply of `models` (nil: all) on behalf of `context`'s caller; returns its id.
    func enqueueApply(models: [String]?, context: ChangeContext) async throws -> Int64
    /// Takes the oldest request that is pending, or running under another taker, marking it running under `taker`
    /// (the leader's identity and its spell of leadership), so that no other replica takes it too; nil when none.
    func takeQueuedApply(taker: String) async throws -> QueuedApply?
    /// Records a running request's outcome (`.done` or `.failed`); a request not running is left as it is.
    func finishQueuedApply(id: Int64, outcome: QueuedApplyOutcome) async throws
    /// Withdraws a request still pending, so it is never taken; false when it was taken already (or is unknown).
    func withdrawQueuedApply(id: Int64) async throws -> Bool
    /// Where a request stands; nil when there is no such request.
    func queuedApplyOutcome(id: Int64) async throws -> QueuedApplyOutcome?
    /// Returns when the queue may have changed (a request queued or finished by any replica), or after `timeout`.
    func waitForApplyQueueChange(timeout: Duration) async
}

/// An apply one replica asked of the leader.
public struct QueuedApply: Sendable {
    public var id: Int64
    /// The models to push; nil: all.
    public var models: [String]?
    /// Who asked, with the request id and reason the push is audited under.
    public var context: ChangeContext
    public var requestedAt: Date
}

/// Where a queued apply stands: pending, running on the leader, done with its report or failed with its error (each
/// as JSON text the control layer reads back), or withdrawn by the replica that queued it.
public enum QueuedApplyOutcome: Sendable, Equatable {
    case pending
    case running
    case done(String)
    case failed(String)
    case withdrawn
}

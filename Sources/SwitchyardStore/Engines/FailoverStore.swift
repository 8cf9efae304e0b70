import Foundation
import SwitchyardCore

/// The failover loop's state, as both engines keep it: capacity signals (pending until a pass folds them), pool
/// health and each model's routing with its operator pin.
public protocol FailoverStore: Sendable {
    /// Records a capacity signal as pending, with its audit event, and returns it as stored.
    @discardableResult
    func recordCapacitySignal(_ signal: CapacitySignal, context: ChangeContext) async throws -> StoredCapacitySignal
    /// Signals not yet folded by a pass, in the order received.
    func pendingCapacitySignals() async throws -> [StoredCapacitySignal]
    /// The signals observed at or after `since`, oldest first, at most `limit` of the newest.
    func capacitySignals(since: Date, limit: Int) async throws -> [CapacitySignal]
    /// The committed failover state: pool health, latest signals and model routing (pins included).
    func failoverState() async throws -> FailoverState
    /// A number that changes whenever a commit changes the failover state (another replica's too, where the store is
    /// shared), by the time the commit has returned to its writer: what answers derived from it are held against.
    var failoverGeneration: Int { get }
    /// Commits a pass: `state`'s pools and models (each model keeping the pin stored now), marks `foldedSignals` as
    /// folded, and appends `audits`, all in one transaction.
    func commitFailoverPass(state: FailoverState, foldedSignals: [Int64], audits: [AuditEntry]) async throws
    /// Returns when a capacity signal may have been recorded by a replica sharing the database (true), or after
    /// `timeout` (false). On an engine only one process uses, it waits out the timeout: that process hears of its
    /// own signals directly.
    func waitForCapacitySignal(timeout: Duration) async -> Bool
    /// Sets (or with nil removes) a model's operator pin, with its audit event; returns the routing before and after.
    @discardableResult
    func setFailoverPin(model: String, pin: ModelConfiguration?, context: ChangeContext) async throws
        -> (before: ModelRouting, after: ModelRouting)
}

extension FailoverStore {
    public func capacitySignals(since: Date) async throws -> [CapacitySignal] {
        try await capacitySignals(since: since, limit: 10_000)
    }
}

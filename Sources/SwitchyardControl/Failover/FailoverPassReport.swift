import Foundation
import SwitchyardCore

/// What one failover pass did.
public struct FailoverPassReport: Sendable, Equatable {
    public enum Outcome: String, Sendable, Equatable {
        /// This replica does not hold the lease; nothing was read or written.
        case notLeader
        /// Nothing to switch; pending signals (if any) were folded into pool health.
        case unchanged
        /// Every switch was pushed and committed.
        case switched
        /// Some or all pushes failed: their models keep their routing and are proposed again next pass.
        case pushFailed
    }

    public var outcome: Outcome
    public var at: Date
    /// Signals folded into pool health by this pass.
    public var foldedSignals: Int
    /// Switches pushed and committed.
    public var committed: [FailoverTransition]
    /// Switches whose push failed, by model, with why.
    public var failed: [String: String]

    public init(
        outcome: Outcome, at: Date, foldedSignals: Int = 0, committed: [FailoverTransition] = [],
        failed: [String: String] = [:]
    ) {
        self.outcome = outcome
        self.at = at
        self.foldedSignals = foldedSignals
        self.committed = committed
        self.failed = failed
    }
}

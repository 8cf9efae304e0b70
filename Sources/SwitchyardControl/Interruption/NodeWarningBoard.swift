import Foundation
import Synchronization
import SwitchyardCore

/// The node warnings in force, shared by the ``InterruptionResponder`` that posts them and the desired state that
/// plans with them. Warnings are news for minutes, so they live with the replica running the loops; a new leader
/// learns of warnings still in force from the Karpenter event observer's relist.
public final class NodeWarningBoard: Sendable {
    private let warnings = Mutex<[String: NodeWarning]>([:])
    private let now: @Sendable () -> Date

    /// - Parameter now: the time warnings are held against.
    public init(now: @escaping @Sendable () -> Date = { Date() }) {
        self.now = now
    }

    /// Posts a warning; a second warning for the same node replaces the first.
    public func post(_ warning: NodeWarning) {
        warnings.withLock { $0[warning.node] = warning }
    }

    /// The warnings holding now; those expired are dropped.
    public func inForce() -> NodeWarnings {
        let time = now()
        return warnings.withLock { held in
            held = held.filter { $0.value.holds(at: time) }
            return NodeWarnings(held.values.sorted { $0.node < $1.node })
        }
    }
}

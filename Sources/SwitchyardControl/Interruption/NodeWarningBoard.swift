import Foundation
import Synchronization
import SwitchyardCore

/// The node warnings in force, shared by the ``InterruptionResponder`` that posts them and the desired state that
/// plans with them. Warnings are news for minutes, so they live with the replica running the loops; a new leader
/// learns of warnings still in force from the Karpenter event observer's relist.
public final class NodeWarningBoard: Sendable {
    private let warnings = Mutex<[String: NodeWarning]>([:])

    public init() {}

    /// Posts a warning; a second warning for the same node replaces the first.
    public func post(_ warning: NodeWarning) {
        warnings.withLock { $0[warning.node] = warning }
    }

    /// The warnings holding at `time`; those expired are dropped.
    public func inForce(at time: Date) -> NodeWarnings {
        warnings.withLock { held in
            held = held.filter { $0.value.holds(at: time) }
            return NodeWarnings(held.values.sorted { $0.node < $1.node })
        }
    }
}

import Synchronization
import SwitchyardCore

/// The last failure audited per target, so a reconcile loop that meets the same failure again and again audits
/// it once per change of outcome rather than on every attempt.
final class FailureAuditMemory: Sendable {
    private let last = Mutex<[ApplierKind: String]>([:])

    /// Records `summary` as the target's failure; false when it is the one recorded last.
    func isNew(_ summary: String, for target: ApplierKind) -> Bool {
        last.withLock { last in
            guard last[target] != summary else { return false }
            last[target] = summary
            return true
        }
    }

    /// Everything sent to `target` went out: its next failure is news again.
    func clear(_ target: ApplierKind) {
        _ = last.withLock { $0.removeValue(forKey: target) }
    }
}

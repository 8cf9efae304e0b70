import SwitchyardCore

/// Why an apply or diff could not be carried out at all. Failures of single pushes are not errors: they are
/// outcomes in the report and failure events in the audit history.
public enum ApplyError: Error, Sendable, Equatable, Codable, CustomStringConvertible {
    /// No model has that name (404).
    case notFound(model: String)
    /// The model's applier is not configured in this process, e.g. `kubernetes` without a cluster (409).
    case applierUnavailable(ApplierKind, model: String)
    /// The model's routing settings do not say enough to push it, e.g. `elbv2` without a listener ARN (422).
    case unconfigured(model: String, reason: String)
    /// The routing state in force could not be read.
    case routingStateUnavailable(String)
    /// The desired state or a last-applied document could not be turned into documents.
    case rendering(String)
    /// This replica follows, and no leader took the apply it queued within the wait (503).
    case notTakenByLeader(waitedSeconds: Int)
    /// The leader took the apply but failed with something other than these errors (503).
    case leaderFailed(String)
    /// This replica does not lead, so it pushes nothing (503).
    case notLeader
    /// This replica led under `term`, but another replica has since claimed the newer term `newest`: it pushed
    /// nothing (503).
    case superseded(term: Int64, newest: Int64)
    /// This replica leads but could not claim its leadership term in the shared database, so it pushed nothing (503).
    case leadershipUnclaimed(String)

    public var description: String {
        switch self {
        case .notFound(let model): "no model named \(model)"
        case .applierUnavailable(let kind, let model): "model \(model) uses the \(kind.rawValue) applier, which is not configured"
        case .unconfigured(let model, let reason): "model \(model) cannot be pushed: \(reason)"
        case .routingStateUnavailable(let reason): "the routing state in force cannot be read: \(reason)"
        case .rendering(let reason): "documents cannot be built: \(reason)"
        case .notTakenByLeader(let seconds):
            "this replica follows and no leader took the apply within \(seconds) s; it was withdrawn, nothing was pushed"
        case .leaderFailed(let reason): "the leader could not carry out the apply: \(reason)"
        case .notLeader: "this replica does not lead; only the leader pushes, nothing was pushed"
        case .superseded(let term, let newest):
            "this replica's leadership term \(term) was superseded by term \(newest): another replica leads now, nothing was pushed"
        case .leadershipUnclaimed(let reason):
            "this replica leads but could not claim its leadership term, nothing was pushed: \(reason)"
        }
    }
}

import SwitchyardCore

/// Why a rollout request was refused; mapped to HTTP at the API edge.
public enum RolloutError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The model has no active rollout to act on (404).
    case noActiveRollout(model: String)
    /// The action does not apply to the rollout as it stands, e.g. resuming one that is not paused (409).
    case refused(RolloutActionRefused)

    public var description: String {
        switch self {
        case .noActiveRollout(let model): "\(model) has no active rollout"
        case .refused(let refusal): refusal.description
        }
    }
}

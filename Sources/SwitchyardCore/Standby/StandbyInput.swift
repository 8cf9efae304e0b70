/// What a rebalancer pass needs to size a model's warm standby: its policy and its pools' shortage history.
public struct StandbyInput: Sendable, Equatable {
    public var policy: StandbyPolicy
    public var history: ShortageHistory

    public init(policy: StandbyPolicy, history: ShortageHistory) {
        self.policy = policy
        self.history = history
    }

    /// No standby.
    public static let none = StandbyInput(policy: .none, history: .none())
}

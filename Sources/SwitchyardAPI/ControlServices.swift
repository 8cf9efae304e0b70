import SwitchyardControl

/// The control-plane services the API drives: pushes (manifests, diff, apply), the failover controller, and the
/// adaptive rebalancer when it runs (an operator's demand report wakes it).
public struct ControlServices: Sendable {
    public var apply: ApplyService
    public var failover: FailoverController
    public var adaptive: AdaptiveController?
    /// Rollouts of new model versions: started, paused, resumed, promoted and aborted through the API.
    public var rollouts: RolloutController
    /// `/readyz` answers 503 while a capacity observer has been down for longer than this, seconds.
    public var observerDownThresholdSeconds: Double
    /// With several replicas on one database: an apply on a follower is queued for the leader. Nil: this replica
    /// always pushes its applies itself.
    public var applyHandoff: ApplyHandoff?

    public init(
        apply: ApplyService, failover: FailoverController, adaptive: AdaptiveController? = nil,
        rollouts: RolloutController? = nil, observerDownThresholdSeconds: Double = 60, applyHandoff: ApplyHandoff? = nil
    ) {
        self.apply = apply
        // Without gate metrics: rollouts follow their no-data policy and operators' actions.
        self.rollouts = rollouts ?? RolloutController(apply: apply)
        self.failover = failover
        self.adaptive = adaptive
        self.observerDownThresholdSeconds = observerDownThresholdSeconds
        self.applyHandoff = applyHandoff
    }
}

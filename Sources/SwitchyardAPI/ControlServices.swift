import SwitchyardControl

/// The control-plane services the API drives: pushes (manifests, diff, apply), the failover controller, and the
/// adaptive rebalancer when it runs (an operator's demand report wakes it).
public struct ControlServices: Sendable {
    public var apply: ApplyService
    public var failover: FailoverController
    public var adaptive: AdaptiveController?

    public init(apply: ApplyService, failover: FailoverController, adaptive: AdaptiveController? = nil) {
        self.apply = apply
        self.failover = failover
        self.adaptive = adaptive
    }
}

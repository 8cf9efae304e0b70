import SwitchyardControl

/// The control-plane services the API drives: pushes (manifests, diff, apply) and the failover controller.
public struct ControlServices: Sendable {
    public var apply: ApplyService
    public var failover: FailoverController

    public init(apply: ApplyService, failover: FailoverController) {
        self.apply = apply
        self.failover = failover
    }
}

import SwitchyardCore

/// What the control loops report as they work, for monitoring: each target's push and how long it took, each
/// failover switch and, for a switch away from a short pool, how long after its first evidence it was in force, and
/// each drift correction. The HTTP API exports them on `/metrics`; ``NoControlMetrics`` drops them.
public protocol ControlMetrics: Sendable {
    /// One target was sent a push: `succeeded` when every item sent was accepted.
    func pushed(target: ApplierKind, succeeded: Bool, duration: Duration)
    /// A model's switch was pushed and committed; `reaction`, for a switch a shortage caused, runs from the first
    /// evidence of it reaching Switchyard to the commit.
    func switched(model: String, to configuration: ModelConfiguration, reaction: Duration?)
    /// A drift pass put an item edited by hand back (`restored`) or failed to.
    func driftCorrected(target: ApplierKind, restored: Bool)
}

/// Reports nothing: for tools and tests that do not export metrics.
public struct NoControlMetrics: ControlMetrics {
    public init() {}
    public func pushed(target: ApplierKind, succeeded: Bool, duration: Duration) {}
    public func switched(model: String, to configuration: ModelConfiguration, reaction: Duration?) {}
    public func driftCorrected(target: ApplierKind, restored: Bool) {}
}

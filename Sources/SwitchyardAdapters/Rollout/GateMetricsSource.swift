import SwitchyardCore

/// Where a rollout's gates read the target version's error rate and latency.
public protocol GateMetricsSource: Sendable {
    /// The metrics of `rollout`'s target version, served by `units`, now; a figure without data is nil.
    func reading(for rollout: Rollout, units: [DeploymentUnit]) async throws -> GateReading
}

/// No metrics anywhere: every gate reads no data, so each rollout follows its gates' `noData` policy (holds, or
/// passes on its pause alone) and operators promote or abort by hand.
public struct NoGateMetrics: GateMetricsSource {
    public init() {}

    public func reading(for rollout: Rollout, units: [DeploymentUnit]) async throws -> GateReading { .none }
}

import SwitchyardCore

/// Where the rebalancer reads how many replicas of each unit are ready.
public protocol ReadyReplicasSource: Sendable {
    /// Ready replicas per unit name, or nil where nothing reports readiness (a transition's waits are then met
    /// at once, and say so).
    func readyReplicas(of units: [DeploymentUnit]) async throws -> [String: Int]?
}

/// No cluster to read from (the `files` applier): readiness is unknown.
public struct UnknownReadiness: ReadyReplicasSource {
    public init() {}

    public func readyReplicas(of units: [DeploymentUnit]) async throws -> [String: Int]? { nil }
}

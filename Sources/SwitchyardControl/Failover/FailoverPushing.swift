import SwitchyardStore

/// What pushes models' desired state to where they are served (Kubernetes, the ALB, files) for the failover
/// loop. The desired state is computed from the routing the ``FailoverController`` reports as in force,
/// which during a pass is the configuration being pushed.
public protocol FailoverPushing: Sendable {
    /// Pushes the desired state of `models`.
    /// - Returns: the models whose push failed, each with a sentence saying why; empty when all succeeded.
    /// - Throws: when nothing could be pushed at all; every model then counts as failed.
    func push(models: Set<String>, context: ChangeContext) async throws -> [String: String]
}

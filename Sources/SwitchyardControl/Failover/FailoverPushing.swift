import SwitchyardCore
import SwitchyardStore

/// A failover pass's decision to push, handed down as a value: which models, under which routing, planned from
/// which fleet (read once by the pass).
public struct FailoverPush: Sendable {
    public var models: Set<String>
    /// The routing the pass decided on, for every model (not only those pushed).
    public var routing: RoutingInForce
    public var fleet: Fleet
    public var context: ChangeContext

    public init(models: Set<String>, routing: RoutingInForce, fleet: Fleet, context: ChangeContext) {
        self.models = models
        self.routing = routing
        self.fleet = fleet
        self.context = context
    }
}

/// What pushes the failover loop's decisions to where models are served (Kubernetes, the ALB, files).
public protocol FailoverPushing: Sendable {
    /// Pushes the desired state of `push.models` under `push.routing`. That routing stays in force for every
    /// later push (an operator's apply, drift correction) until ``settle()``, so none of them puts back the
    /// routing being replaced before the pass has committed.
    /// - Returns: the models whose push failed, each with a sentence saying why; empty when all succeeded.
    /// - Throws: when nothing could be pushed at all; every model then counts as failed.
    func push(_ push: FailoverPush) async throws -> [String: String]

    /// The pass has committed its state (or kept the old one): the stored failover state is in force again.
    func settle() async
}

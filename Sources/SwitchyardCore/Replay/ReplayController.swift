/// Decides, step by step, the weights (and for the adaptive strategy the replica floors) a replayed
/// strategy puts in force.
protocol ReplayController {
    /// Weights in fleet order.
    var weights: [Int] { get }
    /// Replica floors in fleet order, replacing the units' minimum replicas; nil keeps those.
    var floors: [Int]? { get }
    var switches: [ReplaySwitch] { get }
    /// Whether a spot warning moves the warned node's share of traffic off its unit at once (Switchyard's
    /// strategies), rather than leaving it to fail when the node goes.
    var movesTrafficOnSpotWarning: Bool { get }

    /// Advances to time `t` (see ``RoutingController/advance(to:demandRPS:failedLaunches:readyReplicas:polling:)``).
    mutating func advance(
        to t: Double, demandRPS: Double, failedLaunches: Set<String>, readyReplicas: [Int], polling: Bool
    )
}

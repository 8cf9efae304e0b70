/// One unit's replicas during a replay: nodes serving, nodes launching, and KEDA's desired count.
struct UnitReplicas: Sendable {
    var ready: Int
    /// When each launching replica starts serving, ascending.
    var launching: [Double] = []
    var desired: Int
    /// KEDA's recent raw recommendations, for the scale-down stabilisation window.
    private var recent: [(t: Double, desired: Int)] = []

    init(ready: Int) {
        self.ready = ready
        desired = ready
    }

    /// Nodes that cost money: serving or launching.
    var nodes: Int { ready + launching.count }

    /// Replicas asked for that have no node yet (their pool could not launch one).
    var pending: Int { max(0, desired - nodes) }

    /// Launching replicas whose time has come start serving.
    mutating func promote(at t: Double) {
        var served = 0
        while served < launching.count, launching[served] <= t { served += 1 }
        if served > 0 {
            ready += served
            launching.removeFirst(served)
        }
    }

    /// A KEDA poll: the raw recommendation scales up at once and down only to the highest
    /// recommendation of the stabilisation window; surplus nodes go, launching ones first.
    mutating func poll(recommendation: Int, at t: Double, stabilization: Double) {
        recent.append((t, recommendation))
        recent.removeAll { $0.t < t - stabilization }
        desired = recommendation >= desired ? recommendation : recent.map(\.desired).max() ?? recommendation
        var surplus = nodes - desired
        while surplus > 0, !launching.isEmpty {
            launching.removeLast()
            surplus -= 1
        }
        if surplus > 0 { ready -= surplus }
    }

    /// A raised floor: asks for at least `floor` replicas now, without waiting for the next poll.
    mutating func raiseDesired(to floor: Int) {
        if floor > desired { desired = floor }
    }

    /// Launches `count` nodes now; they serve after `delay` seconds.
    mutating func launch(_ count: Int, at t: Double, delay: Double) {
        guard count > 0 else { return }
        launching.append(contentsOf: repeatElement(t + delay, count: count))
    }
}

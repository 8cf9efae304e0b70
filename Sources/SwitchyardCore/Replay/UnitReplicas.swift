/// One unit's replicas during a replay: nodes serving, nodes launching, and KEDA's desired count.
struct UnitReplicas: Sendable {
    var ready: Int
    /// When each launching replica starts serving, ascending.
    var launching: [Double] = []
    var desired: Int
    /// When each warned spot node among the ready ones goes, ascending.
    var doomed: [Double] = []
    /// Replacements asked for at a warning that do not serve yet.
    var replacing = 0
    /// KEDA's recent raw recommendations, for the scale-down stabilisation window.
    private var recent: [(t: Double, desired: Int)] = []

    init(ready: Int) {
        self.ready = ready
        desired = ready
    }

    /// Nodes that cost money: serving or launching.
    var nodes: Int { ready + launching.count }

    /// Replicas asked for that have no node yet (their pool could not launch one).
    /// Warned nodes do not count: their replacements are already asked for.
    var pending: Int { max(0, desired - (nodes - doomed.count)) }

    /// Launching replicas whose time has come start serving; warned nodes whose notice ran out are gone.
    mutating func promote(at t: Double) {
        var gone = 0
        while gone < doomed.count, doomed[gone] <= t { gone += 1 }
        if gone > 0 {
            ready = max(0, ready - gone)
            doomed.removeFirst(gone)
        }
        var served = 0
        while served < launching.count, launching[served] <= t { served += 1 }
        if served > 0 {
            ready += served
            launching.removeFirst(served)
            replacing = max(0, replacing - served)
        }
    }

    /// Serving nodes not yet warned.
    var safe: Int { max(0, ready - doomed.count) }

    /// Whether a reclaimed node's share is still missing: a node is warned, or its replacement does not serve yet.
    var isInterrupted: Bool { !doomed.isEmpty || replacing > 0 }

    /// A spot warning for one serving node: it goes after `notice` seconds, and its replacement is launched now.
    mutating func warn(at t: Double, notice: Double, replacementDelay: Double) {
        guard safe > 0 else { return }
        doomed.append(t + notice)
        replacing += 1
        launching.append(t + replacementDelay)
    }

    /// A KEDA poll: the raw recommendation scales up at once and down only to the highest
    /// recommendation of the stabilisation window; surplus nodes go, launching ones first.
    mutating func poll(recommendation: Int, at t: Double, stabilization: Double) {
        recent.append((t, recommendation))
        recent.removeAll { $0.t < t - stabilization }
        desired = recommendation >= desired ? recommendation : recent.map(\.desired).max() ?? recommendation
        // Warned nodes go at their notice's end whatever KEDA asks; the surplus is counted without them.
        var surplus = nodes - doomed.count - desired
        while surplus > 0, !launching.isEmpty {
            launching.removeLast()
            surplus -= 1
        }
        if surplus > 0 { ready -= surplus }
        replacing = min(replacing, launching.count)
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

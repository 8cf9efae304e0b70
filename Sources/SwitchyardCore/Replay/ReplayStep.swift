/// One simulated step of one strategy: what was asked, what each unit served, what was dropped.
public struct ReplayStep: Sendable, Equatable {
    /// Seconds since the start.
    public var t: Double
    public var demandRPS: Double
    /// Per unit, in the report's unit order.
    public var routedRPS: [Double]
    public var servedRPS: [Double]
    public var droppedRPS: Double
    public var weights: [Int]
    public var readyReplicas: [Int]
    /// Nodes paid for (serving or launching), per unit.
    public var nodes: [Int]
    /// What the nodes cost per hour during this step, with reserved capacity's sunk cost.
    public var hourlyCostUSD: Double
    /// Spot warnings received during this step.
    public var interruptions = 0
    /// Whether a reclaimed node's share was missing during this step (warned, or its replacement not serving).
    public var interrupted = false
    /// Serving nodes of reserved units.
    public var reservedReady = 0
    /// Nodes paid for by the hour (every node but reserved ones).
    public var paidNodes = 0

    public var servedTotalRPS: Double { servedRPS.reduce(0, +) }
}

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
    /// What the nodes cost per hour during this step.
    public var hourlyCostUSD: Double

    public var servedTotalRPS: Double { servedRPS.reduce(0, +) }
}

/// A capacity shortage in one pool over [from, to) seconds: no new node can be launched there, or,
/// with `nodeLimit`, none beyond that many nodes in the pool. Nodes already running stay.
public struct CapacityWindow: Codable, Sendable, Equatable {
    public var pool: String
    public var from: Double
    public var to: Double
    /// Nil: no new node at all during the window.
    public var nodeLimit: Int?

    public init(pool: String, from: Double, to: Double, nodeLimit: Int? = nil) {
        self.pool = pool
        self.from = from
        self.to = to
        self.nodeLimit = nodeLimit
    }

    public func contains(_ t: Double) -> Bool { t >= from && t < to }
}

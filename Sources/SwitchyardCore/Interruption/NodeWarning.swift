import Foundation

/// A node Karpenter warned is about to go (a spot reclaim or rebalance warning, EC2 stopping or terminating the
/// instance), with the units whose pods run on it.
///
/// While it holds (from `observedAt` to `expiresAt`: the notice plus the time a replacement takes to serve), each
/// unit on the node keeps only the share of its weight its other ready replicas carry, the rest moving to the other
/// units by their weights, and asks for one replica more per pod on the node, so the replacement is scheduled (and
/// its node launched) at the warning instead of after the node is gone.
public struct NodeWarning: Codable, Sendable, Equatable, Hashable {
    /// A unit with pods on the warned node.
    public struct UnitOnNode: Codable, Sendable, Equatable, Hashable {
        public var unit: String
        /// The unit's pods on the node.
        public var pods: Int
        /// The unit's ready replicas when the warning came, those on the node included.
        public var readyReplicas: Int

        public init(unit: String, pods: Int, readyReplicas: Int) {
            self.unit = unit
            self.pods = pods
            self.readyReplicas = readyReplicas
        }
    }

    /// The Node's name (a NodeClaim's node, when the event was on the NodeClaim).
    public var node: String
    public var pool: String
    /// The node's `karpenter.sh/capacity-type`, when labelled.
    public var capacityType: CapacityType?
    /// The node's instance type, when labelled.
    public var instanceType: String?
    /// Karpenter's event reason, e.g. `SpotInterrupted`.
    public var reason: String
    public var observedAt: Date
    public var expiresAt: Date
    /// The event as seen: the object and its message.
    public var evidence: String
    public var units: [UnitOnNode]

    public init(
        node: String, pool: String, capacityType: CapacityType? = nil, instanceType: String? = nil, reason: String,
        observedAt: Date, expiresAt: Date, evidence: String, units: [UnitOnNode]
    ) {
        self.node = node
        self.pool = pool
        self.capacityType = capacityType
        self.instanceType = instanceType
        self.reason = reason
        self.observedAt = observedAt
        self.expiresAt = expiresAt
        self.evidence = evidence
        self.units = units
    }

    /// Whether the warning still holds at `time`.
    public func holds(at time: Date) -> Bool { time < expiresAt }
}

/// Whether this replica may run failover passes and push: only one replica at a time does.
public protocol Leadership: Sendable {
    /// True while this replica holds the lease (always, for a single replica).
    var isLeader: Bool { get async }
}

/// The leadership of a lone replica, or of a process with no cluster to hold a lease in: always the leader.
public struct SingleReplicaLeadership: Leadership {
    public init() {}

    public var isLeader: Bool { true }
}

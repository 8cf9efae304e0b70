/// Whether this replica may run failover passes and push: only one replica at a time does.
public protocol Leadership: Sendable {
    /// True while this replica holds the lease (always, for a single replica).
    var isLeader: Bool { get async }
    /// Which spell of leadership this replica is in: a number that moves on each time it becomes the leader, nil while
    /// it follows. A push fenced by the shared database claims a new term for each new spell (``LeadershipFence``).
    var tenure: Int? { get async }
    /// Returns when this replica becomes the leader (true), or after `timeout` (false), so that the loops act at
    /// once on taking over rather than at their next interval.
    func waitForNewTenure(timeout: Duration) async -> Bool
}

extension Leadership {
    /// One spell that never ends while this replica leads: right for a leadership that never changes hands.
    public var tenure: Int? {
        get async { await isLeader ? 1 : nil }
    }

    /// Never: its one spell began before anyone waited.
    public func waitForNewTenure(timeout: Duration) async -> Bool {
        try? await Task.sleep(for: timeout)
        return false
    }
}

/// The leadership of a lone replica, or of a process with no cluster to hold a lease in: always the leader.
public struct SingleReplicaLeadership: Leadership {
    public init() {}

    public var isLeader: Bool { true }
}

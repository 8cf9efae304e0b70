import Foundation

/// Leadership terms, the fencing token of pushes when several replicas share one database. A replica that becomes
/// the leader claims the next term before it pushes, and runs each push while that term is still the newest claimed,
/// so that a leader deposed without knowing it (paused, cut off from the Lease) can never push after its successor's
/// first push.
public protocol LeadershipTermStore: Sendable {
    /// Claims the term after the newest for `holder` and returns it. On PostgreSQL the claim waits for pushes in flight
    /// under an older term (they hold the term FOR SHARE) to end.
    func claimLeadershipTerm(holder: String) async throws -> Int64
    /// Runs `push` while `term` is the newest term claimed, holding it so that no newer term is claimed meanwhile.
    /// - Throws: ``LeadershipTermSuperseded`` without running `push` when a newer term was claimed.
    func whileLeadershipTerm<T: Sendable>(_ term: Int64, _ push: () async throws -> T) async throws -> T
    /// The newest term claimed and its holder.
    func newestLeadershipTerm() async throws -> (term: Int64, holder: String?)
}

/// A push refused because a newer leadership term than the pusher's was claimed: another replica leads now.
public struct LeadershipTermSuperseded: Error, Sendable, Equatable, CustomStringConvertible {
    /// The pusher's term.
    public var term: Int64
    /// The newest term claimed, and by whom.
    public var newest: Int64
    public var holder: String?

    public init(term: Int64, newest: Int64, holder: String?) {
        self.term = term
        self.newest = newest
        self.holder = holder
    }

    public var description: String {
        "leadership term \(term) was superseded by term \(newest)\(holder.map { " (\($0))" } ?? "")"
    }
}

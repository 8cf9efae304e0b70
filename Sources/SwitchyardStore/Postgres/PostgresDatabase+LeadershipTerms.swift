import Foundation

/// Leadership terms on PostgreSQL, shared by every replica. A push holds its term's row FOR SHARE for as long as it
/// runs, and a claim updates the row, so a claim waits for the pushes in flight under the older term, and a push that
/// starts after the claim committed finds its term superseded.
extension PostgresDatabase: LeadershipTermStore {
    /// How long a claim waits for pushes in flight before it gives up (and is tried again by its caller).
    static let claimLockTimeout = "10s"
    /// How long a push may hold its term before the server ends its session.
    static let pushHoldLimit = "60s"

    public func claimLeadershipTerm(holder: String) async throws -> Int64 {
        let time = now()
        return try await transaction(begin: "BEGIN", end: "COMMIT") { session in
            try await session.execute("SET LOCAL lock_timeout = '\(Self.claimLockTimeout)'")
            let row = try await session.row(
                """
                UPDATE leadership_terms SET term = term + 1, holder = $1, claimed_at = $2 WHERE name = 'controller'
                RETURNING term
                """,
                [holder, time.text])
            guard let term: Int64 = row?["term"] else { throw StoredDataError.malformed(column: "term", value: "missing") }
            return term
        }
    }

    public func whileLeadershipTerm<T: Sendable>(_ term: Int64, _ push: () async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN", end: "COMMIT") { session in
            // The push runs while the transaction waits; a leader paused mid-push holds its successor's claim back
            // for at most this long.
            try await session.execute("SET LOCAL idle_in_transaction_session_timeout = '\(Self.pushHoldLimit)'")
            let row = try await session.row(
                "SELECT term, holder FROM leadership_terms WHERE name = 'controller' FOR SHARE")
            let newest: Int64 = row?["term"] ?? 0
            guard newest == term else {
                throw LeadershipTermSuperseded(term: term, newest: newest, holder: row?["holder"])
            }
            return try await push()
        }
    }

    public func newestLeadershipTerm() async throws -> (term: Int64, holder: String?) {
        try await read { session in
            let row = try await session.row("SELECT term, holder FROM leadership_terms WHERE name = 'controller'")
            return (row?["term"] ?? 0, row?["holder"])
        }
    }
}

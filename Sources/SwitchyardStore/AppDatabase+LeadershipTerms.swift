import Foundation
import GRDB

/// Leadership terms on SQLite. One process owns the file, so a term is never superseded by another replica; the
/// check still refuses a term older than the newest, as on PostgreSQL.
extension AppDatabase: LeadershipTermStore {
    public func claimLeadershipTerm(holder: String) async throws -> Int64 {
        try await write { db in
            try db.execute(
                sql: "UPDATE leadership_terms SET term = term + 1, holder = ?, claimed_at = ? WHERE name = 'controller'",
                arguments: [holder, self.now().text])
            return try Int64.fetchOne(db, sql: "SELECT term FROM leadership_terms WHERE name = 'controller'") ?? 0
        }
    }

    public func whileLeadershipTerm<T: Sendable>(_ term: Int64, _ push: () async throws -> T) async throws -> T {
        let newest = try await newestLeadershipTerm()
        guard newest.term == term else {
            throw LeadershipTermSuperseded(term: term, newest: newest.term, holder: newest.holder)
        }
        return try await push()
    }

    public func newestLeadershipTerm() async throws -> (term: Int64, holder: String?) {
        try await read { db in
            let row = try Row.fetchOne(db, sql: "SELECT term, holder FROM leadership_terms WHERE name = 'controller'")
            return (row?["term"] ?? 0, row?["holder"])
        }
    }
}

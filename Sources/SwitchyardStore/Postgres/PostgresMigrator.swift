import Foundation
import Logging

/// Applies `migrations/postgres/*.sql` in order, each in its own transaction with its record in
/// `schema_migrations`, holding a session advisory lock throughout: replicas that start together wait for the first
/// to finish and then find nothing left to do.
struct PostgresMigrator {
    /// The advisory lock's key: "SWYDMIGR" as eight bytes.
    static let lockKey: Int64 = 0x5357_5944_4D49_4752

    let logger: Logger

    /// Applies what is pending; returns the identifiers applied by this call.
    func migrate(_ session: PostgresSession) async throws -> [String] {
        try await session.execute("SELECT pg_advisory_lock($1)", [Self.lockKey])
        do {
            let applied = try await applyPending(session)
            try await session.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey])
            return applied
        } catch {
            try? await session.execute("SELECT pg_advisory_unlock($1)", [Self.lockKey])
            throw error
        }
    }

    private func applyPending(_ session: PostgresSession) async throws -> [String] {
        try await session.execute(
            """
            CREATE TABLE IF NOT EXISTS schema_migrations (
                identifier TEXT COLLATE "C" PRIMARY KEY,
                applied_at TEXT NOT NULL
            )
            """)
        let done = Set(try await session.rows("SELECT identifier FROM schema_migrations").map { $0["identifier"] as String })
        var applied: [String] = []
        for migration in EmbeddedMigrations.postgres where !done.contains(migration.identifier) {
            try await session.execute("BEGIN")
            do {
                try await session.executeScript(migration.sql)
                try await session.execute(
                    "INSERT INTO schema_migrations (identifier, applied_at) VALUES ($1, $2)",
                    [migration.identifier, Timestamp.text(Date())])
                try await session.execute("COMMIT")
            } catch {
                try? await session.execute("ROLLBACK")
                throw PostgresMigrationError(identifier: migration.identifier, underlying: "\(String(reflecting: error))")
            }
            logger.info("migration applied", metadata: ["migration": "\(migration.identifier)"])
            applied.append(migration.identifier)
        }
        return applied
    }
}

/// A migration the server refused; the schema stays at the migration before it.
public struct PostgresMigrationError: Error, Sendable, CustomStringConvertible {
    public var identifier: String
    public var underlying: String

    public var description: String { "migration \(identifier) failed: \(underlying)" }
}

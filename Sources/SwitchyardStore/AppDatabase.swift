import Foundation
import GRDB
import Logging
import SwitchyardCore

/// The Switchyard database: fleet resources, benchmark runs, tokens and the audit history.
///
/// One instance per process owns the only writer. Every write that changes state commits its audit
/// event in the same transaction, so a failed write leaves neither the change nor the event.
public final class AppDatabase: Sendable {
    let writer: any DatabaseWriter
    let clock: @Sendable () -> Date
    let logger: Logger
    /// The committed fleet in memory: what gets and listings of resources serve, and the planner's index (see
    /// ``committedFleet()``).
    let fleetCache = CommitInvalidatedCache<Int, CommittedFleet>(tables: [
        "models", "instance_types", "instance_type_prices", "pools", "units", "benchmark_runs", "benchmark_samples",
    ])
    /// Active tokens by secret hash, so a request is authenticated without the database; a revocation by this
    /// process takes effect at its commit, one by the offline tool within a second.
    let tokenCache = CommitInvalidatedCache<String, TokenInfo>(tables: ["tokens"], maximumAge: .seconds(1))
    /// The failover state (pool health, each model's configuration) until a pass, pin or signal changes it.
    let failoverCache = CommitInvalidatedCache<Int, FailoverState>(tables: ["failover_pools", "failover_models"])
    /// What was last applied, per target, until a push commits.
    let appliedCache = CommitInvalidatedCache<String, [AppliedObject]>(tables: ["applied_objects"])
    /// Observed spot node-hours and reclaims, read by every plan, until a count commits.
    let spotObservationCache = CommitInvalidatedCache<Int, [SpotObservation]>(tables: ["spot_observations"])
    /// Writes that arrive together commit together: one flush for the batch.
    let groupCommit: GroupCommit

    private init(writer: any DatabaseWriter, clock: @escaping @Sendable () -> Date, logger: Logger) throws {
        self.writer = writer
        self.clock = clock
        self.logger = logger
        groupCommit = GroupCommit(writer: writer)
        try Self.migrator.migrate(writer)
        writer.add(transactionObserver: fleetCache, extent: .databaseLifetime)
        writer.add(transactionObserver: tokenCache, extent: .databaseLifetime)
        writer.add(transactionObserver: appliedCache, extent: .databaseLifetime)
        writer.add(transactionObserver: failoverCache, extent: .databaseLifetime)
        writer.add(transactionObserver: spotObservationCache, extent: .databaseLifetime)
    }

    /// Opens (creating if needed) the database file in WAL mode and applies pending migrations.
    public static func open(
        path: String,
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "switchyard.store")
    ) throws -> AppDatabase {
        let pool = try DatabasePool(path: path, configuration: configuration())
        let database = try AppDatabase(writer: pool, clock: clock, logger: logger)
        logger.info("database opened", metadata: ["path": "\(path)"])
        return database
    }

    /// A private in-memory database with the same schema and configuration, for tests and tools.
    public static func inMemory(clock: @escaping @Sendable () -> Date = { Date() }) throws -> AppDatabase {
        try AppDatabase(
            writer: try DatabaseQueue(configuration: configuration()), clock: clock,
            logger: Logger(label: "switchyard.store"))
    }

    static func configuration() -> Configuration {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(5)
        configuration.prepareDatabase { db in
            // FULL makes every acknowledged WAL commit durable across power loss, not just crashes.
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return configuration
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        for migration in EmbeddedMigrations.sqlite {
            let sql = migration.sql
            migrator.registerMigration(migration.identifier) { db in
                try db.execute(sql: sql)
            }
        }
        return migrator
    }

    /// Identifiers of the migrations recorded as applied, in order.
    public func appliedMigrations() async throws -> [String] {
        try await writer.read { db in
            try Self.migrator.appliedIdentifiers(db).sorted()
        }
    }

    /// Closes every connection; later calls fail.
    public func close() throws {
        try writer.close()
        logger.info("database closed")
    }

    /// Bytes used by the main database file's pages (the WAL is not counted).
    public func databaseSizeBytes() async throws -> Int64 {
        try await writer.read { db in
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            return pages * pageSize
        }
    }

    /// Runs `updates` atomically (a savepoint of a transaction that may carry other writes that arrived at the same
    /// time, see ``GroupCommit``), returning once it is committed; maps constraint failures to `StoreError`.
    func write<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await groupCommit.write(updates)
        } catch {
            throw StoreError.mapping(error)
        }
    }

    /// Runs `updates` in a write transaction that is always rolled back: a dry run.
    func rehearse<T: Sendable>(_ updates: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction {
                    result = try updates(db)
                    return .rollback
                }
                return result!
            }
        } catch {
            throw StoreError.mapping(error)
        }
    }

    func read<T: Sendable>(_ value: @escaping @Sendable (Database) throws -> T) async throws -> T {
        do {
            return try await writer.read(value)
        } catch {
            throw StoreError.mapping(error)
        }
    }

    /// The clock's current time as the database keeps it.
    func now() -> (text: String, date: Date) {
        Timestamp.normalized(clock())
    }
}

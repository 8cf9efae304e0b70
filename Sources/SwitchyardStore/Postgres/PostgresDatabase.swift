import Foundation
import Logging
import PostgresNIO
import SwitchyardCore

/// The Switchyard database on PostgreSQL, shared by every replica: the same operations and rules as
/// ``AppDatabase`` on SQLite, each write committing its audit event in the same transaction.
///
/// Opening applies pending migrations under an advisory lock, so replicas starting together migrate once. Values
/// that ``AppDatabase`` keeps until a commit are kept here until any replica's commit changes their tables: every
/// replica listens for the change notifications the tables' triggers send (``PostgresChangeListener``).
public final class PostgresDatabase: Sendable {
    let client: PostgresClient
    let clock: @Sendable () -> Date
    let logger: Logger
    let location: PostgresLocation
    private let running: Task<Void, Never>
    private let listener: PostgresChangeListener
    /// Active tokens by secret hash, until a commit by any replica changes the tokens table.
    let tokenCache = CommitInvalidatedCache<String, TokenInfo>(tables: ["tokens"], maximumAge: .seconds(1))
    /// The committed fleet (resources as gets and listings serve them, and the planner's index) until a commit by
    /// any replica changes one of its tables.
    let fleetCache = CommitInvalidatedCache<Int, CommittedFleet>(tables: [
        "models", "instance_types", "instance_type_prices", "pools", "units", "benchmark_runs", "benchmark_samples",
    ])
    /// The failover state until a pass, pin or signal by any replica changes it.
    let failoverCache = CommitInvalidatedCache<Int, FailoverState>(tables: ["failover_pools", "failover_models"])
    /// What was last applied, per target, until a push by any replica commits.
    let appliedCache = CommitInvalidatedCache<String, [AppliedObject]>(tables: ["applied_objects"])

    /// Wakes whoever waits on the apply queue when any replica queues or finishes a request.
    let applyQueueChanges = TableChangeSignal(table: "apply_requests")
    /// Wakes the leader's failover loop when any replica records a capacity signal.
    let capacitySignalsRecorded = TableChangeSignal(table: "capacity_signals")

    /// What holds values this replica's own commits may make stale.
    private var caches: [any TableChangeObserver] {
        [tokenCache, fleetCache, failoverCache, appliedCache]
    }

    /// What hears of every replica's commits: the caches, and the signals that wake waiters for another replica's.
    private var listeners: [any TableChangeObserver] {
        caches + [applyQueueChanges, capacitySignalsRecorded]
    }

    private init(location: PostgresLocation, maximumConnections: Int, clock: @escaping @Sendable () -> Date, logger: Logger)
        throws
    {
        self.location = location
        self.clock = clock
        self.logger = logger
        let client = PostgresClient(configuration: try location.clientConfiguration(maximumConnections: maximumConnections))
        self.client = client
        self.running = Task { await client.run() }
        self.listener = PostgresChangeListener(client: client, logger: logger)
    }

    /// Connects, applies pending migrations under the migration lock and starts listening for other replicas'
    /// commits.
    public static func open(
        _ location: PostgresLocation,
        maximumConnections: Int = 8,
        clock: @escaping @Sendable () -> Date = { Date() },
        logger: Logger = Logger(label: "switchyard.store")
    ) async throws -> PostgresDatabase {
        let database = try PostgresDatabase(
            location: location, maximumConnections: maximumConnections, clock: clock, logger: logger)
        do {
            let applied = try await database.client.withConnection { connection in
                try await PostgresMigrator(logger: logger).migrate(PostgresSession(connection: connection, logger: logger))
            }
            try await database.listener.start(invalidating: database.listeners)
            logger.info(
                "database opened",
                metadata: ["database": "\(location)", "migrationsApplied": "\(applied.count)"])
            return database
        } catch {
            await database.close()
            throw error
        }
    }

    /// Identifiers of the migrations recorded as applied, in order.
    public func appliedMigrations() async throws -> [String] {
        try await read { session in
            try await session.rows("SELECT identifier FROM schema_migrations ORDER BY identifier").map { $0["identifier"] }
        }
    }

    /// Bytes the database occupies on the server (tables, indexes and their free space).
    public func databaseSizeBytes() async throws -> Int64 {
        try await read { session in
            let bytes: Int64? = try await session.row("SELECT pg_database_size(current_database()) AS bytes")?["bytes"]
            return bytes ?? 0
        }
    }

    /// Stops listening and closes every connection, returning once they are closed; later calls fail.
    public func close() async {
        await listener.stop()
        running.cancel()
        await running.value
        logger.info("database closed", metadata: ["database": "\(location)"])
    }

    /// Runs `updates` in one transaction, mapping constraint failures to `StoreError`.
    ///
    /// The commit's own notification reaches this replica's listener a moment later; until then a read here could
    /// still be served what the commit replaced, so the caches forget at once what it may have changed.
    func write<T: Sendable>(_ updates: (PostgresSession) async throws -> T) async throws -> T {
        do {
            let result = try await transaction(begin: "BEGIN", end: "COMMIT", updates)
            for cache in caches { cache.tablesDidChange(nil) }
            return result
        } catch {
            // A failed COMMIT may still have committed; forgetting costs one load.
            for cache in caches { cache.tablesDidChange(nil) }
            throw error
        }
    }

    /// Runs `updates` in a transaction that is always rolled back: a dry run.
    func rehearse<T: Sendable>(_ updates: (PostgresSession) async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN", end: "ROLLBACK", updates)
    }

    /// Runs `reads` in one read-only transaction, so that it sees one state.
    func read<T: Sendable>(_ reads: (PostgresSession) async throws -> T) async throws -> T {
        try await transaction(begin: "BEGIN TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", end: "COMMIT", reads)
    }

    /// Runs `body` between `begin` and `end` on one connection, rolled back when it throws; constraint failures
    /// map to `StoreError`.
    func transaction<T: Sendable>(
        begin: String, end: String, _ body: (PostgresSession) async throws -> T
    ) async throws -> T {
        do {
            return try await client.withConnection { connection in
                let session = PostgresSession(connection: connection, logger: logger)
                try await session.execute(begin)
                do {
                    let result = try await body(session)
                    try await session.execute(end)
                    return result
                } catch {
                    try? await session.execute("ROLLBACK")
                    throw error
                }
            }
        } catch {
            throw StoreError.mapping(postgres: error)
        }
    }

    /// The clock's current time as the database keeps it.
    func now() -> (text: String, date: Date) {
        Timestamp.normalized(clock())
    }
}

extension PostgresDatabase: StoreMaintenance {}

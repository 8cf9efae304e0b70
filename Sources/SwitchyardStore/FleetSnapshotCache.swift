import GRDB
import Synchronization
import SwitchyardCore

/// The committed fleet held in memory, so reads, plans and renders do not reload it from the database.
///
/// A transaction observer on the writer marks it stale whenever a transaction that changed a fleet table commits,
/// whichever code path wrote; the next read loads it again. A load that overlapped a commit is returned but not kept,
/// so the cache never holds a fleet older than the last commit.
final class FleetSnapshotCache: TransactionObserver, Sendable {
    static let tables: Set<String> = [
        "models", "instance_types", "instance_type_prices", "pools", "units", "benchmark_runs", "benchmark_samples",
    ]

    private struct State {
        var fleet: Fleet?
        /// Moves on at every commit that changed the fleet.
        var generation = 0
        /// Whether the transaction in progress changed a fleet table.
        var touched = false
        /// Loads from the database so far.
        var loads = 0
    }

    private let state = Mutex(State())

    /// The cached fleet, else `load()`'s, kept when no fleet change committed while it ran.
    func fleet(load: () async throws -> Fleet) async throws -> Fleet {
        let (cached, generation) = state.withLock { ($0.fleet, $0.generation) }
        if let cached { return cached }
        let loaded = try await load()
        state.withLock { $0.loads += 1 }
        state.withLock { if $0.generation == generation { $0.fleet = loaded } }
        return loaded
    }

    /// How many times the fleet was loaded from the database.
    var loads: Int { state.withLock { $0.loads } }

    // MARK: TransactionObserver

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        Self.tables.contains(eventKind.tableName)
    }

    func databaseDidChange(with event: DatabaseEvent) {
        state.withLock { $0.touched = true }
        stopObservingDatabaseChangesUntilNextTransaction()
    }

    func databaseDidCommit(_ db: Database) {
        state.withLock { state in
            guard state.touched else { return }
            state.touched = false
            state.generation += 1
            state.fleet = nil
        }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { $0.touched = false }
    }
}

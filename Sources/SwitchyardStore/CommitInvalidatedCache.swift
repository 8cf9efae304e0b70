import GRDB
import Synchronization

/// Values read from some tables, held in memory until a transaction that changed one of those tables commits.
///
/// Installed as a transaction observer on the writer, it sees every commit whichever code path wrote, and empties
/// itself then; the next read loads again. A load that overlapped such a commit is returned but not kept, so the
/// cache never holds a value older than the last commit. Only values found are kept (a miss is not remembered), so
/// what it holds is bounded by what the tables hold.
///
/// Commits by another process on the same database file are not seen; where those matter (a token revoked with the
/// offline `switchyard token revoke`), `maximumAge` bounds how long a value is served.
final class CommitInvalidatedCache<Key: Hashable & Sendable, Value: Sendable>: TransactionObserver, TableChangeObserver,
    Sendable
{
    private struct State {
        var values: [Key: (value: Value, loadedAt: ContinuousClock.Instant)] = [:]
        /// Moves on at every commit that changed an observed table.
        var generation = 0
        /// Whether the transaction in progress changed an observed table.
        var touched = false
        /// Loads so far.
        var loads = 0
    }

    private let tables: Set<String>
    private let maximumAge: Duration?
    private let state = Mutex(State())

    init(tables: Set<String>, maximumAge: Duration? = nil) {
        self.tables = tables
        self.maximumAge = maximumAge
    }

    /// The value held for `key`, else `load()`'s.
    func value(for key: Key, load: () async throws -> Value?) async throws -> Value? {
        let now = ContinuousClock.now
        let (held, generation) = state.withLock { ($0.values[key], $0.generation) }
        if let held, maximumAge.map({ now - held.loadedAt < $0 }) ?? true { return held.value }
        let loaded = try await load()
        state.withLock { state in
            state.loads += 1
            if let loaded, state.generation == generation { state.values[key] = (loaded, now) }
        }
        return loaded
    }

    /// How many times a value was loaded.
    var loads: Int { state.withLock { $0.loads } }

    /// Changes on every commit (or change notification) that touches the cache's tables.
    var generation: Int { state.withLock { $0.generation } }

    /// Empties the cache when a commit seen elsewhere (another replica's, on PostgreSQL) changed an observed table;
    /// `nil`: anything may have changed.
    func tablesDidChange(_ changed: Set<String>?) {
        guard changed.map({ !$0.isDisjoint(with: tables) }) ?? true else { return }
        state.withLock { state in
            state.generation += 1
            state.values.removeAll()
        }
    }

    // MARK: TransactionObserver

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        tables.contains(eventKind.tableName)
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
            state.values.removeAll()
        }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { $0.touched = false }
    }
}

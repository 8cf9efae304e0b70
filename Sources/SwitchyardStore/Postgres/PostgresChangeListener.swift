import Logging
import PostgresNIO
import Synchronization

/// Listens on one connection for the `switchyard_changes` notifications the tables' triggers send at every commit,
/// whichever replica committed, and empties the caches that hold values of the changed table.
///
/// PostgreSQL delivers a notification only to sessions listening when it is sent: while the connection is lost,
/// commits go unseen, so every cache is emptied when it drops and again once it listens anew.
final class PostgresChangeListener: Sendable {
    static let channel = "switchyard_changes"

    private let client: PostgresClient
    private let logger: Logger
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Starts listening, returning once the first LISTEN is in force.
    func start(invalidating caches: [any TableChangeObserver]) async throws {
        let (ready, readiness) = AsyncStream<Void>.makeStream()
        let client = client, logger = logger
        let listening = Task {
            var announced = false
            while !Task.isCancelled {
                do {
                    try await client.withConnection { connection in
                        try await connection.listen(on: Self.channel) { notifications in
                            for cache in caches { cache.tablesDidChange(nil) }
                            if !announced {
                                announced = true
                                readiness.yield()
                                readiness.finish()
                            }
                            for try await notification in notifications {
                                for cache in caches { cache.tablesDidChange([notification.payload]) }
                            }
                        }
                    }
                } catch {
                    if Task.isCancelled { break }
                    logger.warning("change notifications interrupted", metadata: ["error": "\(error)"])
                }
                for cache in caches { cache.tablesDidChange(nil) }
                try? await Task.sleep(for: .seconds(1))
            }
            readiness.finish()
        }
        task.withLock { $0 = listening }
        for await _ in ready { return }
        throw PostgresListenError()
    }

    /// Stops listening, returning once the connection is back in the pool.
    func stop() async {
        let listening = task.withLock { $0 }
        listening?.cancel()
        await listening?.value
    }
}

/// The change listener never got to listen (the database closed first).
struct PostgresListenError: Error, CustomStringConvertible {
    var description: String { "the change listener stopped before it listened" }
}

/// A holder of values read from some tables that forgets them when one of those tables changes.
protocol TableChangeObserver: Sendable {
    /// `tables` changed in a commit; nil: anything may have changed.
    func tablesDidChange(_ tables: Set<String>?)
}

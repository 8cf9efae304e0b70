import Logging
import SwitchyardStore

/// A store an offline command opened, on whichever engine its location names.
enum OpenedStore: Sendable {
    case sqlite(AppDatabase)
    case postgres(PostgresDatabase)

    /// Opens (and migrates) the database; offline commands report on stdout, so by default the store logs only
    /// warnings.
    static func open(_ location: StoreLocation, logger: Logger = offlineLogger) async throws -> OpenedStore {
        switch location {
        case .sqlite(let path): return .sqlite(try AppDatabase.open(path: path, logger: logger))
        case .postgres(let postgres): return .postgres(try await PostgresDatabase.open(postgres, logger: logger))
        }
    }

    /// The store's logger for a command that reports on stdout.
    static var offlineLogger: Logger {
        var logger = Logger(label: "switchyard.store")
        logger.logLevel = .warning
        return logger
    }

    /// Every operation the service performs, on whichever engine this is.
    var store: any ServiceStore {
        switch self {
        case .sqlite(let database): database
        case .postgres(let database): database
        }
    }

    var tokens: any TokenStore { store }

    func appliedMigrations() async throws -> [String] {
        switch self {
        case .sqlite(let database): try await database.appliedMigrations()
        case .postgres(let database): try await database.appliedMigrations()
        }
    }

    func close() async {
        switch self {
        case .sqlite(let database): try? database.close()
        case .postgres(let database): await database.close()
        }
    }

    /// Runs `body` on the store at `location`, closing it afterwards whatever happens.
    static func with<T>(_ location: StoreLocation, _ body: (OpenedStore) async throws -> T) async throws -> T {
        let store = try await open(location)
        do {
            let result = try await body(store)
            await store.close()
            return result
        } catch {
            await store.close()
            throw error
        }
    }
}

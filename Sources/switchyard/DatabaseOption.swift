import ArgumentParser
import Logging
import SwitchyardStore

/// `--database PATH`, shared by every subcommand that opens the store.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (env SWITCHYARD_DATABASE).", valueName: "path"))
    var database: String?

    var path: String { EnvironmentDefault().string(database, "SWITCHYARD_DATABASE", default: "./switchyard.db") }

    /// Opens the store for an offline command, which reports on stdout: the store logs only warnings.
    func open() throws -> AppDatabase {
        var logger = Logger(label: "switchyard.store")
        logger.logLevel = .warning
        return try AppDatabase.open(path: path, logger: logger)
    }
}

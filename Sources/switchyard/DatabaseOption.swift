import ArgumentParser

/// `--database PATH`, shared by every subcommand that opens the store.
struct DatabaseOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (env SWITCHYARD_DATABASE).", valueName: "path"))
    var database: String?

    var path: String { EnvironmentDefault().string(database, "SWITCHYARD_DATABASE", default: "./switchyard.db") }
}

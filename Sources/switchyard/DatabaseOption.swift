import ArgumentParser
import Logging
import SwitchyardStore

/// `--database PATH` and `--config FILE`, shared by every subcommand that opens the store; where a command's settings
/// are read from.
struct DatabaseOption: ParsableArguments, SettingFlags {
    @Option(name: .long, help: ArgumentHelp("SQLite database file (env SWITCHYARD_DATABASE; default ./switchyard.db).", valueName: "path"))
    var database: String?

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Configuration file, YAML or JSON, its keys the flags in camelCase (e.g. holdTime: 600); flags and SWITCHYARD_ variables take precedence over it (env SWITCHYARD_CONFIG).", valueName: "file"))
    var configFile: String?

    func add(to flags: inout FlagValues) {
        flags.add("database", database)
    }

    /// This command's settings: the flags of `groups` and of this group, the environment, the configuration file.
    func settings(_ groups: any SettingFlags...) async throws -> Settings {
        var flags = FlagValues()
        add(to: &flags)
        for group in groups { group.add(to: &flags) }
        return try await Settings.load(flags: flags, file: configFile)
    }

    static func path(in settings: Settings) -> String {
        settings.string("database", default: "./switchyard.db")
    }

    /// Opens the store for an offline command, which reports on stdout: the store logs only warnings.
    static func open(path: String) throws -> AppDatabase {
        var logger = Logger(label: "switchyard.store")
        logger.logLevel = .warning
        return try AppDatabase.open(path: path, logger: logger)
    }
}

/// An option group whose flags are settings.
protocol SettingFlags {
    func add(to flags: inout FlagValues)
}

import ArgumentParser

/// `--database PATH` and `--config FILE`, shared by every subcommand that opens the store; where a command's settings
/// are read from.
struct DatabaseOption: ParsableArguments, SettingFlags {
    @Option(name: .long, help: ArgumentHelp("SQLite database file, or postgres://USER@HOST[:PORT]/DATABASE[?sslmode=require|verify-full] for a PostgreSQL database that replicas share (env SWITCHYARD_DATABASE; default ./switchyard.db).", valueName: "path-or-url"))
    var database: String?

    @Option(help: ArgumentHelp("File whose first line is the PostgreSQL password; without it the password comes from the URL or PGPASSWORD (env SWITCHYARD_DATABASE_PASSWORD_FILE).", valueName: "file"))
    var databasePasswordFile: String?

    @Option(
        name: .customLong("config"),
        help: ArgumentHelp("Configuration file, YAML or JSON, its keys the flags in camelCase (e.g. holdTime: 600); flags and SWITCHYARD_ variables take precedence over it (env SWITCHYARD_CONFIG).", valueName: "file"))
    var configFile: String?

    func add(to flags: inout FlagValues) {
        flags.add("database", database)
        flags.add("databasePasswordFile", databasePasswordFile)
    }

    /// This command's settings: the flags of `groups` and of this group, the environment, the configuration file.
    func settings(_ groups: any SettingFlags...) async throws -> Settings {
        var flags = FlagValues()
        add(to: &flags)
        for group in groups { group.add(to: &flags) }
        return try await Settings.load(flags: flags, file: configFile)
    }
}

/// An option group whose flags are settings.
protocol SettingFlags {
    func add(to flags: inout FlagValues)
}

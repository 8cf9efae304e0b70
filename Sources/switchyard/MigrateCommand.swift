import ArgumentParser
import SwitchyardStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the embedded schema migrations to the database (SQLite or PostgreSQL) and exit."
    )

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let location = try StoreLocation(try await database.settings())
        let applied = try await OpenedStore.with(location) { try await $0.appliedMigrations() }
        print("database \(location) is at migration \(applied.last ?? "none") (\(applied.count) applied)")
    }
}

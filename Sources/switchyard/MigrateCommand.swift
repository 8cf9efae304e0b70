import ArgumentParser
import SwitchyardStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the embedded schema migrations to the database and exit."
    )

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let store = try database.open()
        defer { try? store.close() }
        let applied = try await store.appliedMigrations()
        print("database \(database.path) is at migration \(applied.last ?? "none") (\(applied.count) applied)")
    }
}

import ArgumentParser
import SwitchyardStore

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Apply the embedded schema migrations to the database and exit."
    )

    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let path = DatabaseOption.path(in: try await database.settings())
        let store = try DatabaseOption.open(path: path)
        defer { try? store.close() }
        let applied = try await store.appliedMigrations()
        print("database \(path) is at migration \(applied.last ?? "none") (\(applied.count) applied)")
    }
}

import Foundation
import GRDB
import SwitchyardCore
@testable import SwitchyardStore
import Testing

@Suite("File-backed database")
struct FileDatabaseTests {
    @Test("WAL, foreign keys, full sync, recorded migrations, and data that survives reopening")
    func reopenKeepsData() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "switchyard-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: "switchyard.db").path

        let database = try AppDatabase.open(path: path)
        let settings = try await database.writer.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA foreign_keys"),
                try Int.fetchOne(db, sql: "PRAGMA synchronous")
            )
        }
        #expect(settings.0 == "wal")
        #expect(settings.1 == 1)
        #expect(settings.2 == 2)
        let migrations = try await database.appliedMigrations()
        #expect(migrations.first == "001_fleet")
        #expect(migrations == EmbeddedMigrations.sqlite.map(\.identifier))
        _ = try await database.importFleet(Fixtures.fleet, dryRun: false, context: Fixtures.context)
        let token = try await database.createToken(name: "ci", role: .viewer, context: Fixtures.context)
        let exported = try await database.exportFleet()
        #expect(try await database.databaseSizeBytes() > 0)
        try database.close()

        let reopened = try AppDatabase.open(path: path)
        #expect(try await reopened.exportFleet() == exported)
        #expect(try await reopened.authenticate(secret: token.secret)?.name == "ci")
        #expect(try await reopened.verifyAuditChain().valid)
        #expect(try await reopened.appliedMigrations() == migrations)
        try reopened.close()
    }
}

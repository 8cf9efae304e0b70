import Foundation
import SwitchyardFakes
import Testing

/// `--database postgres://…` selects PostgreSQL: the offline commands migrate it and manage its tokens; the password
/// comes from a file or PGPASSWORD and never appears in what the binary prints.
@Suite("Process: PostgreSQL database")
struct PostgresCommandTests {
    @Test("migrate applies the PostgreSQL migrations once; token create, list and revoke work on the shared database")
    func migrateAndTokens() async throws {
        let server = try PostgresServerProcess()
        defer { server.stop() }
        try server.createDatabase("switchyard")
        let url = server.url(database: "switchyard")
        let passwordFile = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try "not-needed-with-trust-secret-7f3a\n".write(to: passwordFile, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: passwordFile) }

        // The last of the PostgreSQL migrations in the repository, and how many there are.
        let migrations = try FileManager.default.contentsOfDirectory(
            at: URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../migrations/postgres"),
            includingPropertiesForKeys: nil
        ).map(\.lastPathComponent).filter { $0.hasSuffix(".sql") }.sorted()
        let last = try #require(migrations.last).replacingOccurrences(of: ".sql", with: "")

        let first = try ServiceProcess.run(["migrate", "--database", url, "--database-password-file", passwordFile.path])
        #expect(first.status == 0, "\(first.output)")
        #expect(first.output.contains("is at migration \(last) (\(migrations.count) applied)"), "\(first.output)")
        let again = try ServiceProcess.run(["migrate"], environment: ["SWITCHYARD_DATABASE": url, "PGPASSWORD": "secret-from-env-91c2"])
        #expect(again.status == 0 && again.output.contains("(\(migrations.count) applied)"), "\(again.output)")
        #expect(!first.output.contains("not-needed-with-trust") && !again.output.contains("secret-from-env"))

        let admin = try ServiceProcess.run(["token", "create", "--database", url, "--name", "root", "--role", "admin"])
        #expect(admin.status == 0, "\(admin.output)")
        let reader = try ServiceProcess.run(["token", "create", "--database", url, "--name", "reader"])
        #expect(reader.status == 0, "\(reader.output)")
        #expect(try ServiceProcess.run(["token", "revoke", "--database", url, "reader"]).status == 0)
        let listed = try ServiceProcess.run(["token", "list", "--database", url])
        let lines = listed.output.split(separator: "\n").map { $0.split(separator: "\t").map(String.init) }
        #expect(lines.map { $0.first ?? "" } == ["reader", "root"], "\(listed.output)")
        #expect(lines.first?.last?.hasPrefix("revoked") == true && lines.last?.last == "active")
    }

    @Test("a malformed URL is refused at start, naming why")
    func refusals() throws {
        let malformed = try ServiceProcess.run(["migrate", "--database", "postgres://127.0.0.1/d"])
        #expect(malformed.status != 0)
        #expect(malformed.output.contains("names no user"), "\(malformed.output)")
        let serve = try ServiceProcess.run(["serve", "--database", "postgres://127.0.0.1/d"])
        #expect(serve.status != 0)
        #expect(serve.output.contains("names no user"), "\(serve.output)")
    }
}

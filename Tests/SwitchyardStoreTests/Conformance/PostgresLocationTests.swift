import Foundation
@testable import SwitchyardStore
import Testing

@Suite("PostgreSQL location")
struct PostgresLocationTests {
    @Test("a URL gives host, port, user, database and TLS mode; its description never holds the password")
    func parses() throws {
        let location = try PostgresLocation(
            url: "postgres://switchyard:hunter2hunter2@db.internal:6432/fleet?sslmode=verify-full")
        #expect(location.host == "db.internal" && location.port == 6432)
        #expect(location.user == "switchyard" && location.database == "fleet")
        #expect(location.tlsMode == .verifyFull)
        #expect(location.password == "hunter2hunter2")
        #expect(!location.description.contains("hunter2"))
        #expect(try PostgresLocation(url: "postgresql://u@h/d").port == 5432)
        #expect(try PostgresLocation(url: "postgresql://u@h/d").tlsMode == .prefer)
    }

    @Test("the password comes from a file before PGPASSWORD")
    func passwordSources() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("pgpass-\(UUID().uuidString)")
        try "from-file\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let environment = ["PGPASSWORD": "from-environment"]
        #expect(try PostgresLocation(url: "postgres://u@h/d", passwordFile: file.path, environment: environment).password
            == "from-file")
        #expect(try PostgresLocation(url: "postgres://u@h/d", environment: environment).password == "from-environment")
        #expect(throws: PostgresLocationError.unreadablePasswordFile("/nonexistent/pw")) {
            try PostgresLocation(url: "postgres://u@h/d", passwordFile: "/nonexistent/pw")
        }
    }

    @Test("a URL without user or database, or with an unknown sslmode, is refused")
    func refuses() {
        for text in ["postgres://h/d", "postgres://u@h", "postgres://u@h/d?sslmode=maybe", "/var/lib/switchyard.db"] {
            #expect(throws: PostgresLocationError.self) { try PostgresLocation(url: text) }
        }
    }
}

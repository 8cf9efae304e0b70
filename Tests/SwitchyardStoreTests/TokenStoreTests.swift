import Foundation
import GRDB
import SwitchyardCore
@testable import SwitchyardStore
import Testing

@Suite("Tokens")
struct TokenStoreTests {
    let context = Fixtures.context

    @Test("a preset secret authenticates; a short one is refused and writes nothing")
    func presetSecret() async throws {
        let database = try AppDatabase.inMemory()
        let preset = "sy_preset_secret_for_bootstrap"
        let created = try await database.createToken(name: "admin", role: .admin, secret: preset, context: context)
        #expect(created.secret == preset)
        #expect(try await database.authenticate(secret: preset)?.role == .admin)

        await #expect(throws: StoreError.invalid([FieldViolation(field: "secret", message: "must be at least 16 characters")])) {
            _ = try await database.createToken(name: "short", role: .viewer, secret: "tooshort", context: context)
        }
        #expect(try await database.listTokens().map(\.name) == ["admin"])
    }

    @Test("a created token authenticates; only its hash is stored")
    func createAndAuthenticate() async throws {
        let database = try AppDatabase.inMemory()
        let created = try await database.createToken(name: "ci", role: .operator, context: context)
        #expect(created.secret.hasPrefix("sy_"))
        #expect(created.secret.count == 3 + 43)
        #expect(created.info == TokenInfo(name: "ci", role: .operator, createdAt: created.info.createdAt, createdBy: "alice"))
        #expect(try await database.authenticate(secret: created.secret) == created.info)
        #expect(try await database.authenticate(secret: created.secret + "x") == nil)
        #expect(try await database.activeTokenCount() == 1)

        let secret = created.secret
        let stored = try await database.writer.read { db in
            (
                hashes: try String.fetchAll(db, sql: "SELECT secret_sha256 FROM tokens"),
                rowsWithSecret: try Int.fetchOne(
                    db, sql: "SELECT count(*) FROM tokens WHERE instr(name || role || secret_sha256 || created_by, ?) > 0",
                    arguments: [secret]) ?? -1
            )
        }
        let hash = try #require(stored.hashes.first)
        #expect(stored.hashes.count == 1)
        #expect(hash.count == 64 && hash != secret)
        #expect(stored.rowsWithSecret == 0)

        let events = try await Fixtures.allEvents(database)
        #expect(events.map(\.action) == [.create])
        #expect(events.allSatisfy { !($0.after ?? "").contains(created.secret) && !($0.after ?? "").contains(hash) })
    }

    @Test("a revoked token no longer authenticates and keeps its name")
    func revoke() async throws {
        let database = try AppDatabase.inMemory()
        let admin = try await database.createToken(name: "admin", role: .admin, context: context)
        let viewer = try await database.createToken(name: "portal", role: .viewer, context: context)
        try await database.revokeToken(named: "portal", context: context)
        #expect(try await database.authenticate(secret: viewer.secret) == nil)
        #expect(try await database.authenticate(secret: admin.secret)?.role == .admin)
        #expect(try await database.activeTokenCount() == 1)
        let listed = try await database.listTokens()
        #expect(listed.map(\.name) == ["admin", "portal"])
        #expect(listed[1].revokedAt != nil && listed[0].revokedAt == nil)
        await #expect(throws: StoreError.conflict("a token named 'portal' already exists")) {
            try await database.createToken(name: "portal", role: .viewer, context: context)
        }
        await #expect(throws: StoreError.notFound(kind: .token, name: "nobody")) {
            try await database.revokeToken(named: "nobody", context: context)
        }
        #expect(try await Fixtures.allEvents(database).map(\.action) == [.create, .create, .revoke])
    }

    @Test("a token name must follow the name rule")
    func invalidName() async throws {
        let database = try AppDatabase.inMemory()
        await #expect(throws: StoreError.self) {
            try await database.createToken(name: "Bad Name", role: .viewer, context: context)
        }
        #expect(try await database.activeTokenCount() == 0)
    }

    @Test("the last active admin cannot be revoked; with another admin it can, and revoked admins do not count")
    func lastAdmin() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.createToken(name: "admin", role: .admin, context: context)
        _ = try await database.createToken(name: "portal", role: .viewer, context: context)
        let refused = StoreError.conflict(
            "'admin' is the last active admin token; create another admin token before revoking it")
        await #expect(throws: refused) { try await database.revokeToken(named: "admin", context: context) }

        _ = try await database.createToken(name: "rescue", role: .admin, context: context)
        try await database.revokeToken(named: "admin", context: context)
        #expect(try await database.activeTokenCount(role: .admin) == 1)
        await #expect(throws: StoreError.conflict(
            "'rescue' is the last active admin token; create another admin token before revoking it")) {
            try await database.revokeToken(named: "rescue", context: context)
        }
        // Revoking a token that is already revoked still changes nothing and is no error.
        try await database.revokeToken(named: "admin", context: context)
        #expect(try await Fixtures.allEvents(database).map(\.action) == [.create, .create, .create, .revoke])
    }

    @Test("a bootstrap name never collides: the first name no token, active or revoked, has")
    func unusedNames() async throws {
        let database = try AppDatabase.inMemory()
        #expect(try await database.unusedTokenName("admin") == "admin")
        let first = try await database.createToken(name: "admin", role: .admin, context: context)
        _ = try await database.createToken(name: "admin-2", role: .admin, context: context)
        try await database.revokeToken(named: "admin", context: context)
        #expect(try await database.unusedTokenName("admin") == "admin-3")
        #expect(try await database.isTokenSecretKnown(first.secret))
        #expect(!(try await database.isTokenSecretKnown(first.secret + "x")))
    }
}

import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// Tokens behave the same on both engines.
@Suite("Conformance: tokens")
struct TokenConformanceTests {
    let context = Fixtures.context

    @Test("a created token authenticates until revoked; the name stays taken", arguments: StoreEngine.allCases)
    func lifecycle(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        let admin = try await store.createToken(name: "admin", role: .admin, context: context)
        let viewer = try await store.createToken(name: "portal", role: .viewer, context: context)
        #expect(viewer.secret.hasPrefix("sy_") && viewer.secret.count == 46)
        #expect(try await store.authenticate(secret: viewer.secret) == viewer.info)
        #expect(try await store.authenticate(secret: viewer.secret + "x") == nil)
        #expect(try await store.activeTokenCount() == 2)
        #expect(try await store.activeTokenCount(role: .admin) == 1)

        try await store.revokeToken(named: "portal", context: context)
        #expect(try await store.authenticate(secret: viewer.secret) == nil)
        #expect(try await store.authenticate(secret: admin.secret)?.name == "admin")
        #expect(try await store.isTokenSecretKnown(viewer.secret))
        #expect(try await store.listTokens().map(\.name) == ["admin", "portal"])
        #expect(try await store.listTokens().last?.revokedAt != nil)
        await #expect(throws: StoreError.conflict("a token named 'portal' already exists")) {
            _ = try await store.createToken(name: "portal", role: .viewer, context: context)
        }
        #expect(try await store.unusedTokenName("portal") == "portal-2")
        try await store.revokeToken(named: "portal", context: context)

        let events = try await store.auditEvents(AuditFilter(kind: .token), after: nil, limit: 100).items
        #expect(events.map(\.action) == [.create, .create, .revoke])
        #expect(events.allSatisfy { !($0.after ?? "").contains(viewer.secret) })
        try await open.close()
    }

    @Test("the last active admin token cannot be revoked; unknown tokens are not found", arguments: StoreEngine.allCases)
    func lastAdmin(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        _ = try await store.createToken(name: "root", role: .admin, context: context)
        await #expect(throws: StoreError.self) {
            try await store.revokeToken(named: "root", context: context)
        }
        await #expect(throws: StoreError.notFound(kind: .token, name: "ghost")) {
            try await store.revokeToken(named: "ghost", context: context)
        }
        #expect(try await store.activeTokenCount(role: .admin) == 1)
        try await open.close()
    }

    @Test("a preset secret authenticates; a short one or a bad name is refused and writes nothing", arguments: StoreEngine.allCases)
    func presetSecret(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        let preset = "sy_preset_secret_for_bootstrap"
        #expect(try await store.createToken(name: "admin", role: .admin, secret: preset, context: context).secret == preset)
        #expect(try await store.authenticate(secret: preset)?.role == .admin)
        await #expect(throws: StoreError.invalid([FieldViolation(field: "secret", message: "must be at least 16 characters")])) {
            _ = try await store.createToken(name: "short", role: .viewer, secret: "tooshort", context: context)
        }
        await #expect(throws: StoreError.self) {
            _ = try await store.createToken(name: "Not A Name", role: .viewer, context: context)
        }
        #expect(try await store.listTokens().map(\.name) == ["admin"])
        try await open.close()
    }
}

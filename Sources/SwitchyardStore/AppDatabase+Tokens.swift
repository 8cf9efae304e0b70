import Foundation
import GRDB
import SwitchyardCore

extension AppDatabase {
    /// Creates a token and returns its secret, which is stored only as a SHA-256 hash and never again
    /// available. `conflict` when the name is taken (by an active or a revoked token).
    /// A `presetSecret` (e.g. SWITCHYARD_ADMIN_TOKEN at bootstrap) is used instead of a generated one; it must
    /// be at least 16 characters so it cannot be guessed.
    public func createToken(
        name: String, role: Role, secret presetSecret: String? = nil, context: ChangeContext
    ) async throws -> CreatedToken {
        try TokenSecret.checkRequest(name: name, presetSecret: presetSecret)
        let secret = presetSecret ?? TokenSecret.generate()
        let hash = TokenSecret.hash(secret)
        let info = try await write { db in
            let taken = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tokens WHERE name = ?)", arguments: [name])
            guard taken != true else { throw StoreError.conflict("a token named '\(name)' already exists") }
            let time = self.now()
            try db.execute(
                sql: "INSERT INTO tokens (name, role, secret_sha256, created_by, created_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, role.rawValue, hash, context.actor, time.text])
            let info = TokenInfo(name: name, role: role, createdAt: time.date, createdBy: context.actor)
            try AuditLog.appendChange(
                action: .create, kind: .token, name: name, before: TokenInfo?.none, after: info, context: context,
                at: time, in: db)
            return info
        }
        logger.info("token created", metadata: ["token": "\(name)", "role": "\(role.rawValue)", "actor": "\(context.actor)"])
        return CreatedToken(info: info, secret: secret)
    }

    /// Every token, active and revoked, by name; never secrets or hashes.
    public func listTokens() async throws -> [TokenInfo] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM tokens ORDER BY name").map(TokenInfo.init(row:))
        }
    }

    /// Revokes a token so it no longer authenticates. Revoking a revoked token changes nothing. The last active
    /// admin token cannot be revoked (`conflict`): nobody could manage tokens any more.
    public func revokeToken(named name: String, context: ChangeContext) async throws {
        try await write { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM tokens WHERE name = ?", arguments: [name]) else {
                throw StoreError.notFound(kind: .token, name: name)
            }
            let before = try TokenInfo(row: row)
            guard before.revokedAt == nil else { return }
            if before.role == .admin, try Self.activeCount(of: .admin, in: db) <= 1 {
                throw StoreError.conflict(
                    "'\(name)' is the last active admin token; create another admin token before revoking it")
            }
            let time = self.now()
            try db.execute(sql: "UPDATE tokens SET revoked_at = ? WHERE name = ?", arguments: [time.text, name])
            var after = before
            after.revokedAt = time.date
            try AuditLog.appendChange(
                action: .revoke, kind: .token, name: name, before: before, after: after, context: context, at: time,
                in: db)
        }
        logger.info("token revoked", metadata: ["token": "\(name)", "actor": "\(context.actor)"])
    }

    /// The active token whose secret this is, or nil when it is unknown or revoked.
    /// Active tokens are held in memory until the tokens table changes (a revocation takes effect at its commit), and
    /// for at most a second (for revocations by another process).
    public func authenticate(secret: String) async throws -> TokenInfo? {
        let hash = TokenSecret.hash(secret)
        return try await tokenCache.value(for: hash) {
            try await read { db in
                try Row.fetchOne(
                    db, sql: "SELECT * FROM tokens WHERE secret_sha256 = ? AND revoked_at IS NULL", arguments: [hash]
                ).map(TokenInfo.init(row:))
            }
        }
    }

    /// Tokens not revoked, of one role or of any.
    public func activeTokenCount(role: Role? = nil) async throws -> Int {
        try await read { db in try Self.activeCount(of: role, in: db) }
    }

    /// Whether any token, active or revoked, has this secret; a revoked secret must never come back.
    public func isTokenSecretKnown(_ secret: String) async throws -> Bool {
        let hash = TokenSecret.hash(secret)
        return try await read { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM tokens WHERE secret_sha256 = ?)", arguments: [hash])
                ?? false
        }
    }

    private static func activeCount(of role: Role?, in db: Database) throws -> Int {
        guard let role else {
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM tokens WHERE revoked_at IS NULL") ?? 0
        }
        return try Int.fetchOne(
            db, sql: "SELECT count(*) FROM tokens WHERE revoked_at IS NULL AND role = ?", arguments: [role.rawValue]) ?? 0
    }

}

extension TokenInfo {
    /// The token a row of `tokens` describes, on either engine.
    init(row: Row) throws {
        let revokedAt: String? = row["revoked_at"]
        self.init(
            name: row["name"], role: try row.decodeEnum(Role.self, "role"), createdAt: try Timestamp.date(row["created_at"]),
            revokedAt: try revokedAt.map(Timestamp.date), createdBy: row["created_by"])
    }
}

/// Bearer token secrets: `sy_` and 32 random bytes in base64url, kept only as their SHA-256.
enum TokenSecret {
    static let prefix = "sy_"

    static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let base64url = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return prefix + base64url
    }

    static func hash(_ secret: String) -> String {
        CanonicalJSON.sha256Hex(Data(secret.utf8))
    }

    /// Refuses a name that breaks the naming rule and a preset secret short enough to be guessed.
    static func checkRequest(name: String, presetSecret: String?) throws {
        if let problem = NameRule.problem(with: name) {
            throw StoreError.invalid([FieldViolation(field: "name", message: problem)])
        }
        if let presetSecret, presetSecret.count < 16 {
            throw StoreError.invalid([FieldViolation(field: "secret", message: "must be at least 16 characters")])
        }
    }
}

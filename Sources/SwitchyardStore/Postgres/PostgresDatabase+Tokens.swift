import Foundation
import GRDB
import SwitchyardCore

extension PostgresDatabase: TokenStore {
    public func createToken(name: String, role: Role, secret presetSecret: String? = nil, context: ChangeContext)
        async throws -> CreatedToken
    {
        try TokenSecret.checkRequest(name: name, presetSecret: presetSecret)
        let secret = presetSecret ?? TokenSecret.generate()
        let hash = TokenSecret.hash(secret)
        let time = now()
        let info = try await write { session in
            guard try await session.row("SELECT 1 AS taken FROM tokens WHERE name = $1", [name]) == nil else {
                throw StoreError.conflict("a token named '\(name)' already exists")
            }
            try await session.execute(
                "INSERT INTO tokens (name, role, secret_sha256, created_by, created_at) VALUES ($1, $2, $3, $4, $5)",
                [name, role.rawValue, hash, context.actor, time.text])
            let info = TokenInfo(name: name, role: role, createdAt: time.date, createdBy: context.actor)
            try await PostgresAuditLog.appendChange(
                action: .create, kind: .token, name: name, before: TokenInfo?.none, after: info, context: context,
                at: time, on: session)
            return info
        }
        tokenCache.tablesDidChange(["tokens"])
        logger.info("token created", metadata: ["token": "\(name)", "role": "\(role.rawValue)", "actor": "\(context.actor)"])
        return CreatedToken(info: info, secret: secret)
    }

    public func listTokens() async throws -> [TokenInfo] {
        try await read { session in
            try await session.rows("SELECT * FROM tokens ORDER BY name").map(TokenInfo.init(row:))
        }
    }

    public func revokeToken(named name: String, context: ChangeContext) async throws {
        let time = now()
        try await write { session in
            // Revocations queue here, so two replicas cannot each revoke one of the last two admin tokens.
            try await session.execute("LOCK TABLE tokens IN SHARE ROW EXCLUSIVE MODE")
            guard let row = try await session.row("SELECT * FROM tokens WHERE name = $1", [name]) else {
                throw StoreError.notFound(kind: .token, name: name)
            }
            let before = try TokenInfo(row: row)
            guard before.revokedAt == nil else { return }
            if before.role == .admin, try await Self.activeCount(of: .admin, on: session) <= 1 {
                throw StoreError.conflict(
                    "'\(name)' is the last active admin token; create another admin token before revoking it")
            }
            try await session.execute("UPDATE tokens SET revoked_at = $1 WHERE name = $2", [time.text, name])
            var after = before
            after.revokedAt = time.date
            try await PostgresAuditLog.appendChange(
                action: .revoke, kind: .token, name: name, before: before, after: after, context: context, at: time,
                on: session)
        }
        tokenCache.tablesDidChange(["tokens"])
        logger.info("token revoked", metadata: ["token": "\(name)", "actor": "\(context.actor)"])
    }

    public func authenticate(secret: String) async throws -> TokenInfo? {
        let hash = TokenSecret.hash(secret)
        return try await tokenCache.value(for: hash) {
            try await read { session in
                try await session.row(
                    "SELECT * FROM tokens WHERE secret_sha256 = $1 AND revoked_at IS NULL", [hash]
                ).map(TokenInfo.init(row:))
            }
        }
    }

    public func activeTokenCount(role: Role? = nil) async throws -> Int {
        try await read { session in try await Self.activeCount(of: role, on: session) }
    }

    public func isTokenSecretKnown(_ secret: String) async throws -> Bool {
        let hash = TokenSecret.hash(secret)
        return try await read { session in
            try await session.row("SELECT 1 AS known FROM tokens WHERE secret_sha256 = $1", [hash]) != nil
        }
    }

    private static func activeCount(of role: Role?, on session: PostgresSession) async throws -> Int {
        guard let role else {
            return try await session.row("SELECT count(*) AS active FROM tokens WHERE revoked_at IS NULL")?["active"] ?? 0
        }
        return try await session.row(
            "SELECT count(*) AS active FROM tokens WHERE revoked_at IS NULL AND role = $1", [role.rawValue]
        )?["active"] ?? 0
    }
}

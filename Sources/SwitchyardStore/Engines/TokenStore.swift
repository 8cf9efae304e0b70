import SwitchyardCore

/// Bearer tokens, kept as hashes, as both engines keep them.
public protocol TokenStore: Sendable {
    /// Creates a token and returns its secret, which is stored only as a SHA-256 hash. `conflict` when the name is
    /// taken (by an active or a revoked token); a `secret` given must be at least 16 characters.
    func createToken(name: String, role: Role, secret: String?, context: ChangeContext) async throws -> CreatedToken
    /// Every token, active and revoked, by name; never secrets or hashes.
    func listTokens() async throws -> [TokenInfo]
    /// Revokes a token; revoking a revoked token changes nothing; the last active admin token cannot be revoked.
    func revokeToken(named name: String, context: ChangeContext) async throws
    /// The active token whose secret this is, or nil when it is unknown or revoked.
    func authenticate(secret: String) async throws -> TokenInfo?
    /// Tokens not revoked, of one role or of any.
    func activeTokenCount(role: Role?) async throws -> Int
    /// Whether any token, active or revoked, has this secret; a revoked secret must never come back.
    func isTokenSecretKnown(_ secret: String) async throws -> Bool
}

extension TokenStore {
    public func createToken(name: String, role: Role, context: ChangeContext) async throws -> CreatedToken {
        try await createToken(name: name, role: role, secret: nil, context: context)
    }

    public func activeTokenCount() async throws -> Int {
        try await activeTokenCount(role: nil)
    }

    /// `base` when no token (active or revoked) has that name, else the first free `base-2`, `base-3`, ...
    public func unusedTokenName(_ base: String) async throws -> String {
        let taken = Set(try await listTokens().map(\.name))
        var candidate = base
        var suffix = 1
        while taken.contains(candidate) {
            suffix += 1
            candidate = "\(base)-\(suffix)"
        }
        return candidate
    }
}

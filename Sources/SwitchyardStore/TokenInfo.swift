import Foundation
import SwitchyardCore

/// A bearer token as anyone may see it: never its secret or hash.
public struct TokenInfo: Codable, Sendable, Equatable {
    public var name: String
    public var role: Role
    public var createdAt: Date
    public var revokedAt: Date?
    /// The actor that created it.
    public var createdBy: String

    public init(name: String, role: Role, createdAt: Date, revokedAt: Date? = nil, createdBy: String) {
        self.name = name
        self.role = role
        self.createdAt = createdAt
        self.revokedAt = revokedAt
        self.createdBy = createdBy
    }
}

/// A token just created, with its secret. The secret is not stored and cannot be shown again.
public struct CreatedToken: Sendable {
    public var info: TokenInfo
    public var secret: String

    public init(info: TokenInfo, secret: String) {
        self.info = info
        self.secret = secret
    }
}

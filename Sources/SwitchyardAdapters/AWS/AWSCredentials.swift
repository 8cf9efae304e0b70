import Foundation

/// An AWS access key pair, with the session token and expiry of temporary credentials.
///
/// Its `description` shows the access key id only, so credentials can be logged or interpolated
/// without leaking the secret or the token.
public struct AWSCredentials: Sendable, Equatable, CustomStringConvertible, CustomDebugStringConvertible {
    public var accessKeyID: String
    public var secretAccessKey: String
    public var sessionToken: String?
    /// When temporary credentials stop working; nil for long-term keys.
    public var expiration: Date?

    public init(accessKeyID: String, secretAccessKey: String, sessionToken: String? = nil, expiration: Date? = nil) {
        self.accessKeyID = accessKeyID
        self.secretAccessKey = secretAccessKey
        self.sessionToken = sessionToken
        self.expiration = expiration
    }

    /// Whether the credentials will have expired `margin` from `now` (never, for long-term keys).
    public func expires(within margin: Duration, of now: Date) -> Bool {
        guard let expiration else { return false }
        let seconds = Double(margin.components.seconds) + Double(margin.components.attoseconds) / 1e18
        return expiration.timeIntervalSince(now) <= seconds
    }

    public var description: String {
        var parts = ["accessKeyID: \(accessKeyID)", "secretAccessKey: <redacted>"]
        if sessionToken != nil { parts.append("sessionToken: <redacted>") }
        if let expiration { parts.append("expiration: \(expiration)") }
        return "AWSCredentials(\(parts.joined(separator: ", ")))"
    }

    public var debugDescription: String { description }
}

extension AWSCredentials: CustomReflectable {
    /// Keeps `dump` and test failure messages from printing the secret.
    public var customMirror: Mirror {
        Mirror(self, children: ["description": description], displayStyle: .struct)
    }
}

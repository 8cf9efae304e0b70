/// A source of AWS credentials.
///
/// Implementations throw ``AWSCredentialsError/notConfigured(_:)`` when their source is simply absent,
/// which lets a ``CredentialsProviderChain`` move on to the next source; any other error means the
/// source is configured but broken, and stops the chain.
public protocol AWSCredentialsProvider: Sendable {
    func credentials() async throws -> AWSCredentials
}

/// Why credentials could not be obtained. Messages never contain secrets.
public enum AWSCredentialsError: Error, Sendable, Equatable, CustomStringConvertible {
    /// This source is not set up (e.g. the environment variables are missing).
    case notConfigured(String)
    /// The source is set up but unusable (unreadable file, incomplete profile, bad token file).
    case invalid(String)
    /// No source in a chain produced credentials; one line per source tried.
    case noneFound([String])

    public var description: String {
        switch self {
        case .notConfigured(let why): "credentials not configured: \(why)"
        case .invalid(let why): "invalid credentials: \(why)"
        case .noneFound(let tried): "no AWS credentials found (\(tried.joined(separator: "; ")))"
        }
    }
}

/// Fixed credentials, for tests and for callers that already hold keys.
public struct StaticCredentialsProvider: AWSCredentialsProvider {
    public var value: AWSCredentials

    public init(_ value: AWSCredentials) {
        self.value = value
    }

    public func credentials() async throws -> AWSCredentials { value }
}

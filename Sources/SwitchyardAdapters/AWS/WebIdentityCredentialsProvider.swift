import Foundation

/// EKS web identity (IRSA): exchanges the projected service-account token for role credentials with
/// STS `AssumeRoleWithWebIdentity`, and keeps them until shortly before they expire.
///
/// Configured by `AWS_ROLE_ARN`, `AWS_WEB_IDENTITY_TOKEN_FILE` and optionally `AWS_ROLE_SESSION_NAME`.
/// The token file is read again on every exchange, because the kubelet rotates it.
public actor WebIdentityCredentialsProvider: AWSCredentialsProvider {
    public struct Configuration: Sendable, Equatable {
        public var roleARN: String
        public var tokenFile: String
        public var sessionName: String

        public init(roleARN: String, tokenFile: String, sessionName: String = "switchyard") {
            self.roleARN = roleARN
            self.tokenFile = tokenFile
            self.sessionName = sessionName
        }

        /// The configuration the environment describes, or nil when `AWS_ROLE_ARN` or
        /// `AWS_WEB_IDENTITY_TOKEN_FILE` is missing.
        public init?(environment: [String: String]) {
            guard let role = environment["AWS_ROLE_ARN"].flatMap(\.trimmedNonEmpty),
                  let file = environment["AWS_WEB_IDENTITY_TOKEN_FILE"].flatMap(\.trimmedNonEmpty) else { return nil }
            self.init(roleARN: role, tokenFile: file,
                      sessionName: environment["AWS_ROLE_SESSION_NAME"].flatMap(\.trimmedNonEmpty) ?? "switchyard")
        }
    }

    public let configuration: Configuration?
    private let exchange: @Sendable (_ roleARN: String, _ sessionName: String, _ token: String) async throws -> AWSCredentials
    private let refreshMargin: Duration
    private let now: @Sendable () -> Date
    private var cached: AWSCredentials?
    private var inFlight: Task<AWSCredentials, any Error>?

    /// - Parameters:
    ///   - configuration: nil makes the provider report ``AWSCredentialsError/notConfigured(_:)``.
    ///   - sts: the STS client to call.
    ///   - refreshMargin: how long before expiry the credentials are renewed.
    ///   - now: the clock, injected for tests.
    public init(
        configuration: Configuration?, sts: STSClient, refreshMargin: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.init(configuration: configuration, refreshMargin: refreshMargin, now: now) { role, session, token in
            try await sts.assumeRoleWithWebIdentity(roleARN: role, sessionName: session, webIdentityToken: token)
        }
    }

    /// - Parameter exchange: turns (role ARN, session name, token) into credentials; STS in production.
    public init(
        configuration: Configuration?, refreshMargin: Duration = .seconds(300),
        now: @escaping @Sendable () -> Date = { Date() },
        exchange: @escaping @Sendable (_ roleARN: String, _ sessionName: String, _ token: String) async throws -> AWSCredentials
    ) {
        self.configuration = configuration
        self.exchange = exchange
        self.refreshMargin = refreshMargin
        self.now = now
    }

    public func credentials() async throws -> AWSCredentials {
        guard let configuration else {
            throw AWSCredentialsError.notConfigured("AWS_ROLE_ARN and AWS_WEB_IDENTITY_TOKEN_FILE are not set")
        }
        if let cached, !cached.expires(within: refreshMargin, of: now()) { return cached }
        // Concurrent callers share one exchange instead of each calling STS.
        if let inFlight { return try await inFlight.value }
        let exchange = self.exchange
        let task = Task { () async throws -> AWSCredentials in
            let token = try Self.readToken(configuration.tokenFile)
            return try await exchange(configuration.roleARN, configuration.sessionName, token)
        }
        inFlight = task
        defer { inFlight = nil }
        let fresh = try await task.value
        cached = fresh
        return fresh
    }

    private static func readToken(_ path: String) throws -> String {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw AWSCredentialsError.invalid("cannot read web identity token file \(path)")
        }
        guard let token = text.trimmedNonEmpty else {
            throw AWSCredentialsError.invalid("web identity token file \(path) is empty")
        }
        return token
    }
}

import Foundation

/// Credentials from `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY` and optional `AWS_SESSION_TOKEN`.
public struct EnvironmentCredentialsProvider: AWSCredentialsProvider {
    private let environment: [String: String]

    /// - Parameter environment: the variables to read; the process environment by default.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        self.environment = environment
    }

    public func credentials() async throws -> AWSCredentials {
        let keyID = environment["AWS_ACCESS_KEY_ID"].flatMap(\.trimmedNonEmpty)
        let secret = environment["AWS_SECRET_ACCESS_KEY"].flatMap(\.trimmedNonEmpty)
        switch (keyID, secret) {
        case (nil, nil):
            throw AWSCredentialsError.notConfigured("AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set")
        case (let keyID?, let secret?):
            return AWSCredentials(
                accessKeyID: keyID, secretAccessKey: secret,
                sessionToken: environment["AWS_SESSION_TOKEN"].flatMap(\.trimmedNonEmpty)
            )
        case (nil, _):
            throw AWSCredentialsError.invalid("AWS_SECRET_ACCESS_KEY is set but AWS_ACCESS_KEY_ID is not")
        case (_, nil):
            throw AWSCredentialsError.invalid("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is not")
        }
    }
}

extension String {
    /// The string, or nil when it is empty after trimming whitespace.
    var trimmedNonEmpty: String? {
        let trimmed = trimmingCharacters(in: .whitespacesAndNewlines)
        return trimmed.isEmpty ? nil : trimmed
    }
}

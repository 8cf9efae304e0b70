import AsyncHTTPClient
import Foundation
import Logging

/// Tries credential sources in order and uses the first that is configured.
///
/// A source that reports ``AWSCredentialsError/notConfigured(_:)`` is skipped; any other failure
/// (an unreadable file, STS refusing the token) is thrown, because silently falling through to a
/// different identity would be worse than failing.
public struct CredentialsProviderChain: AWSCredentialsProvider {
    public let providers: [any AWSCredentialsProvider]

    public init(providers: [any AWSCredentialsProvider]) {
        self.providers = providers
    }

    /// The usual order for a pod on EKS: web identity, then the environment, then the shared file.
    ///
    /// - Parameters:
    ///   - stsEndpoint: overrides the STS endpoint; by default `AWS_ENDPOINT_URL_STS` or
    ///     `AWS_ENDPOINT_URL` from `environment`, else the public regional endpoint.
    public static func standard(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        httpClient: HTTPClient, region: String, stsEndpoint: URL? = nil,
        logger: Logger = Logger(label: "switchyard.aws.credentials")
    ) -> CredentialsProviderChain {
        let endpoint = stsEndpoint ?? AWSEnvironment(environment).stsEndpoint
        let sts = STSClient(httpClient: httpClient, region: region, endpoint: endpoint, logger: logger)
        return CredentialsProviderChain(providers: [
            WebIdentityCredentialsProvider(configuration: .init(environment: environment), sts: sts),
            EnvironmentCredentialsProvider(environment: environment),
            SharedCredentialsFileProvider(environment: environment),
        ])
    }

    public func credentials() async throws -> AWSCredentials {
        var skipped: [String] = []
        for provider in providers {
            do {
                return try await provider.credentials()
            } catch AWSCredentialsError.notConfigured(let why) {
                skipped.append(why)
            }
        }
        throw AWSCredentialsError.noneFound(skipped)
    }
}

import AsyncHTTPClient
import Foundation
import Logging

/// AWS Security Token Service (API version 2011-06-15), for EKS web identity (IRSA) credentials.
public struct STSClient: Sendable {
    public static let apiVersion = "2011-06-15"
    private let query: AWSQueryClient

    /// - Parameters:
    ///   - endpoint: overrides `https://sts.<region>.amazonaws.com`, e.g. a moto server.
    public init(
        httpClient: HTTPClient, region: String, endpoint: URL? = nil, retryPolicy: RetryPolicy = RetryPolicy(),
        logger: Logger = Logger(label: "switchyard.aws.sts")
    ) {
        // AssumeRoleWithWebIdentity is authenticated by the token itself, so requests go unsigned.
        self.query = AWSQueryClient(
            httpClient: httpClient, endpoint: endpoint ?? URL(string: "https://sts.\(region).amazonaws.com")!,
            region: region, signingName: "sts", apiVersion: Self.apiVersion, credentials: nil,
            retryPolicy: retryPolicy, logger: logger
        )
    }

    /// Exchanges an OIDC token for temporary credentials of `roleARN`.
    public func assumeRoleWithWebIdentity(
        roleARN: String, sessionName: String, webIdentityToken: String, durationSeconds: Int? = nil
    ) async throws -> AWSCredentials {
        var parameters = ["RoleArn": roleARN, "RoleSessionName": sessionName, "WebIdentityToken": webIdentityToken]
        if let durationSeconds { parameters["DurationSeconds"] = String(durationSeconds) }
        let response = try await query.call("AssumeRoleWithWebIdentity", parameters)
        guard let credentials = response.path("AssumeRoleWithWebIdentityResult", "Credentials"),
              let keyID = credentials.text(of: "AccessKeyId"),
              let secret = credentials.text(of: "SecretAccessKey"),
              let token = credentials.text(of: "SessionToken") else {
            throw AWSError.malformedResponse(action: "AssumeRoleWithWebIdentity", reason: "no Credentials element")
        }
        guard let expiration = credentials.text(of: "Expiration").flatMap(AWSTimestamp.parse) else {
            throw AWSError.malformedResponse(action: "AssumeRoleWithWebIdentity", reason: "unreadable Expiration")
        }
        return AWSCredentials(accessKeyID: keyID, secretAccessKey: secret, sessionToken: token, expiration: expiration)
    }
}

import Crypto
import Foundation

/// AWS Signature Version 4 for header-signed requests (the Query protocol's form-encoded POSTs, and GETs).
///
/// Pure: the same request, credentials and date always give the same signature. The session token of
/// temporary credentials is sent as `X-Amz-Security-Token` and signed with the other headers, as STS
/// and ELBv2 accept.
public struct SigV4Signer: Sendable {
    public var region: String
    public var service: String

    public init(region: String, service: String) {
        self.region = region
        self.service = service
    }

    /// What signing produced: the intermediate strings (for inspection) and the headers to send.
    public struct SignedRequest: Sendable, Equatable {
        public var canonicalRequest: String
        public var stringToSign: String
        /// Hex HMAC-SHA256 of the string to sign.
        public var signature: String
        /// The `Authorization` header value.
        public var authorization: String
        /// Every header to send, lower-cased: the caller's, `host`, `x-amz-date`,
        /// `x-amz-security-token` when there is a session token, and `authorization`.
        public var headers: [String: String]
    }

    /// Signs a request.
    ///
    /// - Parameters:
    ///   - method: the HTTP method, e.g. `POST`.
    ///   - url: the full URL; its host (and non-default port) becomes the `host` header, its query is
    ///     canonicalised.
    ///   - headers: headers to sign and send besides `host` and `x-amz-date`, e.g. `content-type`.
    ///   - body: the exact bytes of the body.
    ///   - credentials: the keys to sign with.
    ///   - date: the signing time.
    public func sign(
        method: String, url: URL, headers: [String: String] = [:], body: Data = Data(),
        credentials: AWSCredentials, date: Date
    ) -> SignedRequest {
        let amzDate = Self.amzDate(date)
        let day = String(amzDate.prefix(8))
        var all: [String: String] = [:]
        for (name, value) in headers { all[name.lowercased()] = Self.canonicalHeaderValue(value) }
        if all["host"] == nil { all["host"] = Self.hostHeader(url) }
        all["x-amz-date"] = amzDate
        if let token = credentials.sessionToken { all["x-amz-security-token"] = token }

        let names = all.keys.sorted()
        let signedHeaders = names.joined(separator: ";")
        let canonicalHeaders = names.map { "\($0):\(all[$0]!)\n" }.joined()
        let canonicalRequest = [
            method.uppercased(),
            Self.canonicalURI(url),
            Self.canonicalQuery(url),
            canonicalHeaders,
            signedHeaders,
            Self.hexSHA256(body),
        ].joined(separator: "\n")

        let scope = "\(day)/\(region)/\(service)/aws4_request"
        let stringToSign = [
            "AWS4-HMAC-SHA256", amzDate, scope, Self.hexSHA256(Data(canonicalRequest.utf8)),
        ].joined(separator: "\n")

        let key = signingKey(secret: credentials.secretAccessKey, day: day)
        let signature = Self.hex(HMAC<SHA256>.authenticationCode(for: Data(stringToSign.utf8), using: key))
        let authorization = "AWS4-HMAC-SHA256 Credential=\(credentials.accessKeyID)/\(scope), "
            + "SignedHeaders=\(signedHeaders), Signature=\(signature)"
        all["authorization"] = authorization
        return SignedRequest(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign, signature: signature,
            authorization: authorization, headers: all
        )
    }

    /// The key derived from the secret for one day, region and service.
    func signingKey(secret: String, day: String) -> SymmetricKey {
        var key = SymmetricKey(data: Data("AWS4\(secret)".utf8))
        for part in [day, region, service, "aws4_request"] {
            key = SymmetricKey(data: Data(HMAC<SHA256>.authenticationCode(for: Data(part.utf8), using: key)))
        }
        return key
    }
}

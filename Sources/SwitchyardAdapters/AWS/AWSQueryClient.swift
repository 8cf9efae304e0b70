import AsyncHTTPClient
import Foundation
import Logging
import NIOCore
import NIOFoundationCompat
import NIOHTTP1

/// Sends AWS Query-protocol calls (form-encoded POST, XML answer) to one service endpoint:
/// signs them with SigV4, retries transient failures, and turns error documents into ``AWSError``.
///
/// ELBv2, STS and EC2 all speak this protocol; a client is one endpoint plus one API version.
public struct AWSQueryClient: Sendable {
    public let endpoint: URL
    public let region: String
    /// The SigV4 signing name, e.g. `elasticloadbalancing`, `sts`, `ec2`.
    public let signingName: String
    /// The API version sent as `Version`, e.g. `2015-12-01`.
    public let apiVersion: String
    /// Nil sends the calls unsigned (STS `AssumeRoleWithWebIdentity` needs no credentials).
    public let credentials: (any AWSCredentialsProvider)?
    public let retryPolicy: RetryPolicy
    public let timeout: Duration

    private let httpClient: HTTPClient
    private let logger: Logger
    private let now: @Sendable () -> Date

    /// Largest response body read; AWS Query answers are small.
    private static let maxResponseBytes = 8 * 1024 * 1024

    public init(
        httpClient: HTTPClient, endpoint: URL, region: String, signingName: String, apiVersion: String,
        credentials: (any AWSCredentialsProvider)?, retryPolicy: RetryPolicy = RetryPolicy(),
        timeout: Duration = .seconds(30), logger: Logger = Logger(label: "switchyard.aws"),
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.httpClient = httpClient
        self.endpoint = endpoint
        self.region = region
        self.signingName = signingName
        self.apiVersion = apiVersion
        self.credentials = credentials
        self.retryPolicy = retryPolicy
        self.timeout = timeout
        self.logger = logger
        self.now = now
    }

    /// Calls `action` with `parameters` (Query-protocol flattened names, e.g.
    /// `DefaultActions.member.1.Type`) and returns the root of the XML answer.
    public func call(_ action: String, _ parameters: [String: String] = [:]) async throws -> AWSXMLNode {
        var all = parameters
        all["Action"] = action
        all["Version"] = apiVersion
        let body = Data(Self.formEncode(all).utf8)
        return try await retryPolicy.run { attempt in
            try await send(action: action, body: body, attempt: attempt)
        }
    }

    /// `name=value&…` sorted by name, every part strictly percent-encoded.
    public static func formEncode(_ parameters: [String: String]) -> String {
        parameters.sorted { $0.key < $1.key }
            .map { "\(SigV4Signer.uriEncode($0.key))=\(SigV4Signer.uriEncode($0.value))" }
            .joined(separator: "&")
    }

    private func send(action: String, body: Data, attempt: Int) async throws -> AWSXMLNode {
        var headers = ["content-type": "application/x-www-form-urlencoded; charset=utf-8"]
        if let credentials {
            // Asked for on every attempt so refreshed temporary credentials are picked up.
            let keys = try await credentials.credentials()
            let signer = SigV4Signer(region: region, service: signingName)
            headers = signer.sign(method: "POST", url: endpoint, headers: headers, body: body, credentials: keys, date: now())
                .headers
        }
        var request = HTTPClientRequest(url: endpoint.absoluteString)
        request.method = .POST
        for (name, value) in headers {
            request.headers.add(name: name, value: value)
        }
        request.body = .bytes(ByteBuffer(data: body))

        let status: Int
        let responseHeaders: HTTPHeaders
        let payload: ByteBuffer
        do {
            let response = try await httpClient.execute(request, timeout: .nanoseconds(timeout.wholeNanoseconds), logger: logger)
            status = Int(response.status.code)
            responseHeaders = response.headers
            payload = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            guard let failure = ConnectionFailure.classify(error) else { throw error }
            logger.warning("aws call got no response", metadata: [
                "action": "\(action)", "endpoint": "\(endpoint)", "attempt": "\(attempt)", "error": "\(failure.reason)",
            ])
            throw AWSError.connection(action: action, endpoint: endpoint.absoluteString, reason: failure.reason)
        }

        let data = Data(buffer: payload)
        guard (200..<300).contains(status) else {
            let error = serviceError(action: action, status: status, headers: responseHeaders, body: data)
            logger.warning("aws call failed", metadata: [
                "action": "\(action)", "status": "\(status)", "code": "\(error.code)",
                "attempt": "\(attempt)", "requestID": "\(error.requestID ?? "-")",
            ])
            throw AWSError.service(error)
        }
        logger.debug("aws call succeeded", metadata: ["action": "\(action)", "status": "\(status)", "attempt": "\(attempt)"])
        do {
            return try AWSXMLNode.parse(data)
        } catch {
            throw AWSError.malformedResponse(action: action, reason: "\(error)")
        }
    }

    /// Reads both error shapes: `<ErrorResponse><Error>` (ELBv2, STS) and `<Response><Errors><Error>` (EC2).
    private func serviceError(action: String, status: Int, headers: HTTPHeaders, body: Data) -> AWSServiceError {
        let document = try? AWSXMLNode.parse(body)
        let error = document?.descendant("Error")
        let requestID = document.flatMap { $0.descendant("RequestId") ?? $0.descendant("RequestID") }?.text
        return AWSServiceError(
            action: action, statusCode: status,
            code: error?.text(of: "Code") ?? "HTTP\(status)",
            message: error?.text(of: "Message") ?? String(decoding: body.prefix(512), as: UTF8.self),
            requestID: requestID, region: region, endpoint: endpoint.absoluteString,
            retryAfter: RetryAfter.delay(fromHeader: headers.first(name: "Retry-After"), now: now())
        )
    }
}

extension Duration {
    /// Whole nanoseconds, saturating at `Int64.max`.
    var wholeNanoseconds: Int64 {
        let (seconds, attoseconds) = components
        let (scaled, overflow) = seconds.multipliedReportingOverflow(by: 1_000_000_000)
        return overflow ? .max : scaled + attoseconds / 1_000_000_000
    }
}

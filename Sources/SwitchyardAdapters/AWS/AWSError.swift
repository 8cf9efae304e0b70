/// A failed AWS call.
public enum AWSError: Error, Sendable, Equatable, CustomStringConvertible {
    /// AWS answered with an error document.
    case service(AWSServiceError)
    /// No HTTP response at all.
    case connection(action: String, endpoint: String, reason: String)
    /// A 2xx answer that could not be read.
    case malformedResponse(action: String, reason: String)
    /// The request was refused before sending (e.g. a forward action AWS would reject).
    case invalidRequest(String)

    public var description: String {
        switch self {
        case .service(let error): error.description
        case .connection(let action, let endpoint, let reason): "\(action) to \(endpoint) got no response: \(reason)"
        case .malformedResponse(let action, let reason): "\(action) returned an unreadable response: \(reason)"
        case .invalidRequest(let reason): "invalid request: \(reason)"
        }
    }

    /// The AWS error code, e.g. `ListenerNotFound`, when AWS sent one.
    public var code: String? {
        if case .service(let error) = self { return error.code }
        return nil
    }
}

/// The error document of a failed AWS Query-protocol call.
public struct AWSServiceError: Error, Sendable, Equatable, CustomStringConvertible {
    public var action: String
    public var statusCode: Int
    /// e.g. `ValidationError`, `ListenerNotFound`, `Throttling`.
    public var code: String
    public var message: String
    public var requestID: String?
    public var region: String
    public var endpoint: String
    /// The wait the server asked for in `Retry-After`, if any.
    public var retryAfter: Duration?

    public init(
        action: String, statusCode: Int, code: String, message: String, requestID: String? = nil,
        region: String, endpoint: String, retryAfter: Duration? = nil
    ) {
        self.action = action
        self.statusCode = statusCode
        self.code = code
        self.message = message
        self.requestID = requestID
        self.region = region
        self.endpoint = endpoint
        self.retryAfter = retryAfter
    }

    public var description: String {
        "\(action) failed in \(region) (HTTP \(statusCode)) \(code): \(message)"
            + (requestID.map { " [request \($0)]" } ?? "")
    }
}

extension AWSError: RetryableFailure {
    /// Throttling codes AWS sends with HTTP 400 rather than 429; retried like a 429.
    static let throttlingCodes: Set<String> = [
        "Throttling", "ThrottlingException", "ThrottledException", "RequestThrottled",
        "RequestThrottledException", "TooManyRequestsException", "RequestLimitExceeded",
    ]

    public var retryDisposition: RetryDisposition {
        switch self {
        case .service(let error):
            if Self.throttlingCodes.contains(error.code) { return .retry(after: error.retryAfter) }
            return .forHTTPStatus(error.statusCode, retryAfter: error.retryAfter)
        case .connection:
            return .retry(after: nil)
        case .malformedResponse, .invalidRequest:
            return .fail
        }
    }
}

/// Failures of the Kubernetes API, decoded from its `Status` objects and HTTP codes.
public enum KubernetesError: RetryableFailure, Sendable, Hashable, CustomStringConvertible {
    /// 404: the object (or its namespace or resource type) does not exist.
    case notFound(KubernetesStatus)
    /// 409: an apply conflicts with fields another manager owns, or an optimistic-lock failure.
    case conflict(KubernetesStatus)
    /// 410: the resourceVersion asked for is older than the server's history.
    case gone(KubernetesStatus)
    /// 422: the object failed validation; `status.message` and `status.details.causes` say where.
    case invalid(KubernetesStatus)
    /// 401: missing or rejected credentials.
    case unauthorized(KubernetesStatus)
    /// 403: the credentials lack permission (RBAC).
    case forbidden(KubernetesStatus)
    /// 429: the server asks the client to slow down, for `retryAfter` if it said.
    case tooManyRequests(retryAfter: Duration?, KubernetesStatus)
    /// 5xx: the server failed.
    case server(status: Int, KubernetesStatus)
    /// Any other 4xx (400 bad request, 415 unsupported media type, ...): the request itself is wrong.
    case rejected(status: Int, KubernetesStatus)
    /// The request never got an HTTP answer: connection refused or reset, TLS failure, timeout.
    case transport(String)
    /// The answer could not be read (not JSON, or not the expected shape).
    case malformedResponse(String)
    /// The request could not be built: an object without identity, a path without a name.
    case invalidRequest(String)
    /// The kubeconfig or in-cluster configuration is unusable.
    case configuration(String)

    /// Maps an HTTP status and the Status object of the body (if any) to an error.
    public init(httpStatus: Int, status: KubernetesStatus?, retryAfter: Duration? = nil) {
        let status = status ?? KubernetesStatus(message: "HTTP \(httpStatus)", reason: nil, code: httpStatus)
        switch httpStatus {
        case 401: self = .unauthorized(status)
        case 403: self = .forbidden(status)
        case 404: self = .notFound(status)
        case 409: self = .conflict(status)
        case 410: self = .gone(status)
        case 422: self = .invalid(status)
        case 429:
            let seconds = status.details?.retryAfterSeconds.map { Duration.seconds($0) }
            self = .tooManyRequests(retryAfter: retryAfter ?? seconds, status)
        case 500...: self = .server(status: httpStatus, status)
        default: self = .rejected(status: httpStatus, status)
        }
    }

    /// The API's Status, for errors that carry one.
    public var status: KubernetesStatus? {
        switch self {
        case .notFound(let status), .conflict(let status), .gone(let status), .invalid(let status),
             .unauthorized(let status), .forbidden(let status), .tooManyRequests(_, let status),
             .server(_, let status), .rejected(_, let status):
            status
        case .transport, .malformedResponse, .invalidRequest, .configuration:
            nil
        }
    }

    /// Whether the same request may succeed later: throttling, server failures and lost connections may pass;
    /// every other 4xx will not change by repeating it.
    public var retryDisposition: RetryDisposition {
        switch self {
        case .tooManyRequests(let retryAfter, _): .retry(after: retryAfter)
        case .server(_, let body):
            // 503 during apiserver restarts may carry Retry-After in the Status details.
            .retry(after: body.details?.retryAfterSeconds.map { .seconds($0) } ?? nil)
        case .transport: .retry(after: nil)
        default: .fail
        }
    }

    public var description: String {
        switch self {
        case .transport(let message): return "Kubernetes API unreachable: \(message)"
        case .malformedResponse(let message): return "Kubernetes API answered unreadably: \(message)"
        case .invalidRequest(let message): return "invalid Kubernetes request: \(message)"
        case .configuration(let message): return "Kubernetes client configuration: \(message)"
        default:
            let status = self.status
            let causes = status?.details?.causes?.compactMap { cause in
                [cause.field, cause.message].compactMap { $0 }.joined(separator: ": ")
            } ?? []
            let message = status?.message ?? "no message"
            return "Kubernetes API \(status?.code.map(String.init) ?? "error") \(status?.reason ?? ""): \(message)"
                + (causes.isEmpty ? "" : " (" + causes.joined(separator: "; ") + ")")
        }
    }
}

/// The stable machine-readable codes of `application/problem+json` responses, as listed in the OpenAPI document.
enum ProblemCode: String, Sendable, CaseIterable {
    case malformedBody = "malformed-body"
    case badRequest = "bad-request"
    case unauthorized
    case forbidden
    case notFound = "not-found"
    case routeNotFound = "route-not-found"
    case methodNotAllowed = "method-not-allowed"
    case notAcceptable = "not-acceptable"
    case conflict
    case referenced
    case preconditionFailed = "precondition-failed"
    case contentTooLarge = "content-too-large"
    case unsupportedMediaType = "unsupported-media-type"
    case validationFailed = "validation-failed"
    case nameMismatch = "name-mismatch"
    case invalidParameter = "invalid-parameter"
    case tooManyRequests = "too-many-requests"
    case unavailable
    case internalError = "internal-error"

    /// A short summary that does not change from one occurrence to the next (RFC 9457 `title`).
    var title: String {
        switch self {
        case .malformedBody: "Malformed request body"
        case .badRequest: "Bad request"
        case .unauthorized: "Authentication required"
        case .forbidden: "Role too low"
        case .notFound: "Resource not found"
        case .routeNotFound: "Route not found"
        case .methodNotAllowed: "Method not allowed"
        case .notAcceptable: "Not acceptable"
        case .conflict: "Conflict"
        case .referenced: "Resource is referenced"
        case .preconditionFailed: "Precondition failed"
        case .contentTooLarge: "Content too large"
        case .unsupportedMediaType: "Unsupported media type"
        case .validationFailed: "Validation failed"
        case .nameMismatch: "Name mismatch"
        case .invalidParameter: "Invalid parameter"
        case .tooManyRequests: "Too many requests"
        case .unavailable: "Service unavailable"
        case .internalError: "Internal error"
        }
    }

    /// The RFC 9457 `type` URI.
    var typeURI: String { "https://switchyard.dev/problems/\(rawValue)" }
}

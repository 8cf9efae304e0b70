import SwitchyardCore

/// Why the HTTP layer refused a request, before or beside the store. Mapped to problem details at the edge.
enum APIError: Error, Sendable, Equatable {
    /// The body does not parse as the expected document; `field` is the JSON path at fault when known.
    case malformedBody(field: String?, detail: String)
    /// A header or parameter cannot be parsed.
    case badRequest(field: String?, detail: String)
    /// No bearer token, or one that is unknown or revoked.
    case unauthenticated(detail: String)
    /// The token's role is below what the route needs.
    case forbidden(required: Role, actual: Role)
    /// No route has this path.
    case routeNotFound(path: String)
    /// The path exists, but not with this method.
    case methodNotAllowed(method: String, allowed: [String])
    /// No representation the route has matches `Accept`.
    case notAcceptable(detail: String)
    /// The body is larger than the configured limit.
    case contentTooLarge(limit: Int)
    /// The body's media type is not one the route reads.
    case unsupportedMediaType(detail: String)
    /// A name in the body differs from the one in the path.
    case nameMismatch(field: String, inPath: String, inBody: String)
    /// A parameter parses but its value is not allowed.
    case invalidParameter(field: String, detail: String)
    /// Too much of a bounded kind of work is already running; try again after `retryAfterSeconds`.
    case tooManyRequests(detail: String, retryAfterSeconds: Int)
    /// The database cannot be reached.
    case unavailable(detail: String)
}

import Logging
import SwitchyardStore

/// What the middleware learned about the request being served, visible to the handlers of that request.
///
/// The generated OpenAPI handlers see only the HTTP request, so identity, request id and reason reach them
/// through a task-local value bound by the middleware around the call.
struct RequestScope: Sendable {
    /// The caller's `X-Request-Id`, or a generated one.
    var requestID: String
    /// The authenticated token; nil on open routes.
    var caller: TokenInfo?
    /// The `X-Switchyard-Reason` header, recorded in audit events.
    var reason: String?
    /// A logger carrying the request id.
    var logger: Logger

    @TaskLocal static var current: RequestScope?

    /// The audit context of a write: the token name as actor.
    ///
    /// Writes are only routed behind authentication, so a missing caller is a wiring fault, reported as 401
    /// rather than recorded under an invented actor.
    static func changeContext() throws -> ChangeContext {
        guard let scope = current, let caller = scope.caller else { throw APIError.unauthenticated(detail: "no caller identity") }
        return ChangeContext(actor: caller.name, requestID: scope.requestID, reason: scope.reason)
    }

    static var logger: Logger { current?.logger ?? Logger(label: "switchyard.api") }
}

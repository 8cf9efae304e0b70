import Hummingbird
import Logging
internal import OpenAPIRuntime

/// The edge where every error becomes an `application/problem+json` response, and where failures are logged.
struct ProblemMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = ProblemMapper.problem(for: error)
            let logger = RequestScope.current?.logger ?? context.logger
            if problem.status >= 500 {
                logger.error(
                    "request failed",
                    metadata: [
                        "status": "\(problem.status)", "error": "\(String(reflecting: type(of: error)))",
                        "cause": "\(Self.cause(of: error))",
                    ])
            } else {
                logger.debug("request refused", metadata: ["status": "\(problem.status)", "code": "\(problem.code)"])
            }
            return problem.response(instance: request.uri.path, requestID: RequestScope.current?.requestID)
        }
    }

    /// What actually went wrong: the generated server wraps the handler's error, which is the one worth logging.
    /// Errors here never carry secrets: tokens are checked before any handler runs and are not part of an error.
    static func cause(of error: any Error) -> String {
        if let wrapped = error as? ServerError {
            return "\(wrapped.operationID): \(String(reflecting: type(of: wrapped.underlyingError))): \(wrapped.underlyingError)"
        }
        return String(describing: error)
    }
}

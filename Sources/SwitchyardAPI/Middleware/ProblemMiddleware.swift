import Hummingbird
import Logging

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
                    metadata: ["status": "\(problem.status)", "error": "\(String(reflecting: type(of: error)))"])
            } else {
                logger.debug("request refused", metadata: ["status": "\(problem.status)", "code": "\(problem.code)"])
            }
            return problem.response(instance: request.uri.path, requestID: RequestScope.current?.requestID)
        }
    }
}

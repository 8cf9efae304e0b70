import Hummingbird

/// Answers a request the router could not dispatch before anything reads it: 405 naming the methods when its path
/// is known, else 404. Requests the router did dispatch pass on without being matched again.
struct RouteMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        switch routes.resolve(method: request.method.rawValue, path: path, routed: context.endpointPath) {
        case .matched:
            return try await next(request, context)
        case .methodNotAllowed(_, let allowed):
            throw APIError.methodNotAllowed(method: request.method.rawValue, allowed: allowed)
        case .notFound:
            throw APIError.routeNotFound(path: path)
        }
    }
}

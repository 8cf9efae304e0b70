import Hummingbird

/// Runs the requests of the given paths (replays) on a ``BackgroundExecutor``: the handler and the encoding of its
/// response body leave the cooperative pool's threads to the requests that must stay fast.
struct BackgroundWorkMiddleware<Context: RequestContext>: RouterMiddleware {
    let paths: Set<String>
    let executor: BackgroundExecutor

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard paths.contains(request.uri.path) else { return try await next(request, context) }
        return try await withTaskExecutorPreference(executor) {
            try await next(request, context)
        }
    }
}

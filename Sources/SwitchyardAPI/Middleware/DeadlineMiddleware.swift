import Hummingbird

/// Gives every `/v1` request a deadline: a handler still running when it passes is cancelled and the request
/// answers 503 (`unavailable`). Handlers stop at their next suspension point (a store access, an HTTP call to
/// Kubernetes or AWS, a replay step), so one slow request cannot hold a connection or a worker for long.
/// Replays stop earlier, at their own time limit.
struct DeadlineMiddleware<Context: RequestContext>: RouterMiddleware {
    let limit: Duration
    let watch: DeadlineWatch

    init(limit: Duration, watch: DeadlineWatch = DeadlineWatch()) {
        self.limit = limit
        self.watch = watch
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.path.hasPrefix("/v1/") else { return try await next(request, context) }
        let limit = limit, watch = watch
        // The handler runs as a child task, which the watch cancels at the deadline (the connection's own task is
        // never cancelled, so the 503 still goes out); the task group does not return before the child has ended,
        // so `next` never outlives this call.
        return try await withoutActuallyEscaping(next) { next in
            let handler = UncheckedHandler(call: next)
            return try await withThrowingTaskGroup(of: Response.self) { group in
                group.addTask {
                    let ticket = watch.start(deadline: .now + limit)
                    let response: Response
                    do {
                        response = try await handler.call(request, context)
                    } catch {
                        guard watch.finish(ticket) else { throw error }
                        throw Self.overrun(limit)
                    }
                    guard !watch.finish(ticket) else { throw Self.overrun(limit) }
                    return response
                }
                return try await group.next()!
            }
        }
    }

    private static func overrun(_ limit: Duration) -> APIError {
        .unavailable(detail: "The request did not finish within its \(limit.components.seconds) s deadline and was stopped.")
    }
}

/// Carries the non-`Sendable` `next` closure into the child task that runs it; the task group around it ends
/// before the closure's lifetime does.
private struct UncheckedHandler<Context: RequestContext>: @unchecked Sendable {
    let call: (Request, Context) async throws -> Response
}

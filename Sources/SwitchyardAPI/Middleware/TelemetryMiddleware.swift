internal import Foundation
import Hummingbird
import Logging

/// Counts and times every request by route template (not raw path, so ids do not explode the series)
/// and logs one line per request. Never logs headers or bodies: they may carry secrets.
struct TelemetryMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable
    let metrics: HTTPMetrics

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let started = ContinuousClock.now
        let route: String
        switch routes.resolve(method: request.method.rawValue, path: request.uri.path, routed: context.endpointPath) {
        case .matched(let template), .methodNotAllowed(let template, _): route = template
        case .notFound: route = "unmatched"
        }
        let status: Int
        do {
            let response = try await next(request, context)
            status = response.status.code
            finish(request: request, route: route, status: status, started: started, context: context)
            return response
        } catch {
            finish(request: request, route: route, status: 500, started: started, context: context)
            throw error
        }
    }

    private func finish(request: Request, route: String, status: Int, started: ContinuousClock.Instant, context: Context) {
        let elapsed = ContinuousClock.now - started
        metrics.recordRequest(route: route, method: request.method.rawValue, status: status, duration: elapsed)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        (RequestScope.current?.logger ?? context.logger).info(
            "request",
            metadata: [
                "method": .string(request.method.rawValue), "route": .string(route), "status": .stringConvertible(status),
                "duration_ms": .string(String(format: "%.2f", milliseconds)),
            ])
    }
}

import Hummingbird
import Logging
import OpenAPIHummingbird
internal import OpenAPIRuntime
public import Foundation
import Prometheus
import SwitchyardCore
import SwitchyardStore

/// Builds the HTTP service: the routes of `openapi/openapi.yaml` behind request ids, telemetry, problem
/// details, a body limit and token authentication, and the status board at `/ui`. The caller runs it (e.g. in a
/// `ServiceGroup`).
package func buildApplication(
    database: any ServiceStore, control: ControlServices, settings: APISettings, logger: Logger,
    metrics: PrometheusCollectorRegistry, now: @escaping @Sendable () -> Date = { Date() }
) throws -> some ApplicationProtocol {
    let routes = RouteTable.published
    let router = Router(context: BasicRequestContext.self)
    let httpMetrics = HTTPMetrics(registry: metrics)
    // Hummingbird wraps each route in the middleware present when the route is added, so these come first.
    router.add(middleware: RequestIDMiddleware())
    router.add(middleware: TelemetryMiddleware(routes: routes, metrics: httpMetrics))
    router.add(middleware: ProblemMiddleware())
    router.add(middleware: DeadlineMiddleware(limit: settings.requestDeadline))
    router.add(middleware: BackgroundWorkMiddleware(paths: ["/v1/replays"], executor: .shared))
    router.add(middleware: BodyLimitMiddleware(maxBytes: settings.maxBodyBytes))
    router.add(middleware: RouteMiddleware(routes: routes))
    // Outside the document, so outside the operations' authorization: the board's files hold no data.
    BoardRoutes().register(on: router)

    let handler = APIHandler(
        database: database, control: control, planner: RoutingPlanner(), metrics: httpMetrics,
        maxBodyBytes: settings.maxBodyBytes, demandHorizonSeconds: settings.demandHorizonSeconds,
        replays: ReplayRunner(settings: settings.replays), now: now)
    // The generated server runs these around each operation, knowing its id: access first, then the body checks.
    try handler.registerHandlers(
        on: router, configuration: Configuration(dateTranscoder: RFC3339Dates()),
        middlewares: [
            AuthorizationMiddleware(routes: routes, database: database),
            ReadCacheMiddleware(cache: ReadResponseCache(), database: database, apply: control.apply),
            JSONNumberMiddleware(maxBytes: settings.maxBodyBytes),
            HeaderEncodingMiddleware(),
        ])

    return Application(
        router: router,
        server: .http1(configuration: .init(additionalChannelHandlers: [ParserErrorProblemHandler()])),
        configuration: .init(address: .hostname(settings.host, port: settings.port), serverName: settings.serverName),
        logger: logger
    )
}

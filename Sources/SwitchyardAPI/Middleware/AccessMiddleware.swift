internal import Foundation
import Hummingbird
import Logging
import SwitchyardCore
import SwitchyardStore

/// Resolves the route (404 for an unknown path, 405 for a method the path lacks), then checks the bearer
/// token against the role the route needs (401 without a usable token, 403 with too low a role) and binds
/// the caller into the request scope.
struct AccessMiddleware<Context: RequestContext>: RouterMiddleware {
    let routes: RouteTable
    let database: AppDatabase

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        switch routes.resolve(method: request.method.rawValue, path: path) {
        case .notFound:
            throw APIError.routeNotFound(path: path)
        case .methodNotAllowed(_, let allowed):
            throw APIError.methodNotAllowed(method: request.method.rawValue, allowed: allowed)
        case .matched(_, .open):
            return try await next(request, context)
        case .matched(_, .role(let required)):
            let caller = try await authenticate(request)
            guard caller.role >= required else { throw APIError.forbidden(required: required, actual: caller.role) }
            var scope = RequestScope.current ?? RequestScope(
                requestID: context.id, caller: nil, reason: nil, logger: context.logger)
            scope.caller = caller
            scope.logger[metadataKey: "actor"] = .string(caller.name)
            return try await RequestScope.$current.withValue(scope) {
                try await next(request, context)
            }
        }
    }

    private func authenticate(_ request: Request) async throws -> TokenInfo {
        guard let header = request.headers[.authorization] else {
            throw APIError.unauthenticated(detail: "Send a token as `Authorization: Bearer <secret>`.")
        }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw APIError.unauthenticated(detail: "The Authorization header must use the Bearer scheme.")
        }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        let caller: TokenInfo?
        do {
            caller = secret.isEmpty ? nil : try await database.authenticate(secret: secret)
        } catch {
            throw APIError.unavailable(detail: "Tokens cannot be checked: the database cannot be read.")
        }
        guard let caller else {
            throw APIError.unauthenticated(detail: "The bearer token is unknown or revoked.")
        }
        return caller
    }
}

internal import Foundation
import HTTPTypes
import Logging
internal import OpenAPIRuntime
import SwitchyardCore
import SwitchyardStore

/// Checks the bearer token against the role the operation needs (401 without a usable token, 403 with too low a
/// role) and binds the caller into the request scope. The generated server names the operation, so its access is
/// looked up by id in the table embedded from the document; the request body is not read before this passes.
struct AuthorizationMiddleware: ServerMiddleware {
    let routes: RouteTable
    let database: any ServiceStore

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        // The table and the server are generated from the same document, so every operation is in it; were one
        // missing, it would need the highest role rather than none.
        let required: Role
        switch routes.access(operationID: operationID) ?? .role(.admin) {
        case .open: return try await next(request, body, metadata)
        case .role(let role): required = role
        }
        let caller = try await authenticate(request.headerFields[.authorization])
        guard caller.role >= required else { throw APIError.forbidden(required: required, actual: caller.role) }
        var scope = RequestScope.current ?? RequestScope(
            requestID: UUID().uuidString.lowercased(), caller: nil, reason: nil, logger: RequestScope.logger)
        scope.caller = caller
        scope.logger[metadataKey: "actor"] = .string(caller.name)
        return try await RequestScope.$current.withValue(scope) {
            try await next(request, body, metadata)
        }
    }

    private func authenticate(_ header: String?) async throws -> TokenInfo {
        guard let header else {
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

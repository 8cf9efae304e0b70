internal import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// Gives every request an id: the caller's `X-Request-Id` when it is usable, else a new UUID. The id goes
/// into the log metadata, the request scope (and so into audit events) and back out on the response.
struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    static var headerName: HTTPField.Name { HTTPField.Name("X-Request-Id")! }
    static var reasonHeaderName: HTTPField.Name { HTTPField.Name("X-Switchyard-Reason")! }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let requestID = Self.usableID(request.headers[Self.headerName]) ?? UUID().uuidString.lowercased()
        var context = context
        context.logger[metadataKey: "request_id"] = .string(requestID)
        let scope = RequestScope(
            requestID: requestID, caller: nil, reason: Self.reason(request.headers[Self.reasonHeaderName]),
            logger: context.logger)
        var response = try await RequestScope.$current.withValue(scope) {
            try await next(request, context)
        }
        response.headers[Self.headerName] = requestID
        return response
    }

    /// Ids are echoed into headers and logs, so only short runs of visible ASCII are taken as given.
    static func usableID(_ candidate: String?) -> String? {
        guard let candidate, (1...128).contains(candidate.utf8.count),
            candidate.utf8.allSatisfy({ (0x21...0x7E).contains($0) })
        else { return nil }
        return candidate
    }

    private static func reason(_ header: String?) -> String? {
        guard let header else { return nil }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        return trimmed.isEmpty ? nil : trimmed
    }
}

internal import Foundation
import HTTPTypes
internal import OpenAPIRuntime

/// The generated server percent-encodes response header values as URI components (swift-openapi-generator
/// issues #529, #857), which would send `ETag: %22…%22` and `Location: %2Fv1%2F…`. HTTP wants them as
/// written, so the headers this API declares are decoded back on the way out. Their values never carry a
/// literal `%`: ETags are hex, locations are built from names that allow only `[a-z0-9.-]`.
struct HeaderEncodingMiddleware: ServerMiddleware {
    static let declaredHeaders: [HTTPField.Name] = [
        .eTag, .location, HTTPField.Name("X-Switchyard-Outcome")!, HTTPField.Name("X-Request-Id")!,
    ]

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        var (response, responseBody) = try await next(request, body, metadata)
        for name in Self.declaredHeaders {
            if let value = response.headerFields[name], let decoded = value.removingPercentEncoding {
                response.headerFields[name] = decoded
            }
        }
        return (response, responseBody)
    }
}

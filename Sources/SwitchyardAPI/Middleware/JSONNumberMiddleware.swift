import Foundation
import HTTPTypes
internal import OpenAPIRuntime
import SwitchyardCore

/// Names the field when a JSON body fails to decode because of a number no Swift type holds (an integer
/// beyond Int64, a value beyond Double): JSONDecoder says only "not valid JSON", this answers 422 with the
/// field. It also refuses a `null` anywhere inside the body (400 naming the field), which the generated types
/// would read as a field left out. The body is collected (within the body limit, which runs first) so it can be
/// read again. It runs after authorization, so a caller without access learns nothing about its body.
struct JSONNumberMiddleware: ServerMiddleware {
    let maxBytes: Int

    func intercept(
        _ request: HTTPRequest, body: HTTPBody?, metadata: ServerRequestMetadata, operationID: String,
        next: @Sendable (HTTPRequest, HTTPBody?, ServerRequestMetadata) async throws -> (HTTPResponse, HTTPBody?)
    ) async throws -> (HTTPResponse, HTTPBody?) {
        guard [.put, .post, .patch].contains(request.method),
              request.headerFields[.contentType]?.lowercased().hasPrefix("application/json") == true, let body
        else { return try await next(request, body, metadata) }
        let bytes = try await [UInt8](collecting: body, upTo: maxBytes)
        if let parsed = try? JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed]),
           let field = NullFields.first(inSerialized: parsed)
        {
            throw NullFields.refusal(field)
        }
        do {
            return try await next(request, HTTPBody(bytes), metadata)
        } catch let error as ServerError {
            guard case .dataCorrupted(let decoding)? = error.underlyingError as? DecodingError, decoding.codingPath.isEmpty,
                  let field = JSONNumberScan.firstUnrepresentableNumber(in: bytes)
            else { throw error }
            throw FieldViolation(field: field, message: "is a number beyond what this field can hold")
        }
    }
}

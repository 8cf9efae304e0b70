import Foundation
import Hummingbird
internal import OpenAPIRuntime
import SwitchyardCore

/// Names the field when a JSON body fails to decode because of a number no Swift type holds (an integer
/// beyond Int64, a value beyond Double): JSONDecoder says only "not valid JSON", this answers 422 with the
/// field. It also refuses a `null` anywhere inside the body (400 naming the field), which the generated types
/// would read as a field left out. The body is collected (within the body limit, which runs first) so it can be
/// read again.
struct JSONNumberMiddleware<Context: RequestContext>: RouterMiddleware {
    let maxBytes: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard [.put, .post, .patch].contains(request.method),
              request.headers[.contentType]?.lowercased().hasPrefix("application/json") == true
        else { return try await next(request, context) }
        var request = request
        let body = try await request.collectBody(upTo: maxBytes)
        if let parsed = try? JSONSerialization.jsonObject(with: Data(Array(buffer: body)), options: [.fragmentsAllowed]),
           let field = NullFields.first(inSerialized: parsed)
        {
            throw NullFields.refusal(field)
        }
        do {
            return try await next(request, context)
        } catch let error as ServerError {
            guard case .dataCorrupted(let decoding)? = error.underlyingError as? DecodingError, decoding.codingPath.isEmpty,
                  let field = JSONNumberScan.firstUnrepresentableNumber(in: Array(buffer: body))
            else { throw error }
            throw FieldViolation(field: field, message: "is a number beyond what this field can hold")
        }
    }
}

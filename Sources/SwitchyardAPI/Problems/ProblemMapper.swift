internal import Foundation
import HTTPTypes
import Hummingbird
internal import OpenAPIRuntime
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Yams

/// Turns any error a request can raise into one problem document: the single place statuses are decided.
enum ProblemMapper {
    static func problem(for error: any Error) -> ProblemDetails {
        switch error {
        case let error as ServerError:
            return problem(for: error)
        case let error as APIError:
            return problem(for: error)
        case let error as StoreError:
            return problem(for: error)
        case let error as DecodingError:
            return problem(for: error)
        case let error as YamlError:
            return ProblemDetails(code: .malformedBody, status: .badRequest, detail: "The YAML body does not parse: \(error)")
        case let violation as FieldViolation:
            return problem(for: StoreError.invalid([violation]))
        case let error as HTTPError:
            return problem(for: error)
        case let error as ApplyError:
            return problem(for: error)
        case let error as FailoverError:
            return problem(for: error)
        case let error as ReplayError:
            return problem(for: error)
        case let error as RolloutError:
            return problem(for: error)
        default:
            return internalError
        }
    }

    static let internalError = ProblemDetails(
        code: .internalError, status: .internalServerError, detail: "The server failed to answer this request.")

    /// The generated server wraps what the handler or the request parsing threw; the cause decides the status.
    /// Causes private to the OpenAPI runtime are known only by the status it picked and its description.
    private static func problem(for error: ServerError) -> ProblemDetails {
        if let decoding = error.underlyingError as? DecodingError {
            return problem(for: decoding, in: error.request)
        }
        let cause = problem(for: error.underlyingError)
        guard cause == internalError else { return cause }
        switch error.httpStatus.code {
        case 415:
            return ProblemDetails(
                code: .unsupportedMediaType, status: .unsupportedMediaType,
                detail: "Send the body as application/json or application/yaml. \(error.causeDescription)")
        case 406:
            return ProblemDetails(code: .notAcceptable, status: .notAcceptable, detail: error.causeDescription)
        case 400:
            return ProblemDetails(code: .badRequest, status: .badRequest, detail: error.causeDescription)
        case 404:
            return ProblemDetails(code: .routeNotFound, status: .notFound, detail: error.causeDescription)
        default:
            return internalError
        }
    }

    private static func problem(for error: APIError) -> ProblemDetails {
        switch error {
        case .malformedBody(let field, let detail):
            return ProblemDetails(code: .malformedBody, status: .badRequest, detail: detail, field: field)
        case .badRequest(let field, let detail):
            return ProblemDetails(code: .badRequest, status: .badRequest, detail: detail, field: field)
        case .unauthenticated(let detail):
            return ProblemDetails(
                code: .unauthorized, status: .unauthorized, detail: detail, field: "Authorization",
                headers: ["WWW-Authenticate": #"Bearer realm="switchyard""#])
        case .forbidden(let required, let actual):
            return ProblemDetails(
                code: .forbidden, status: .forbidden,
                detail: "This route needs role \(required.rawValue); the token has role \(actual.rawValue).")
        case .routeNotFound(let path):
            return ProblemDetails(code: .routeNotFound, status: .notFound, detail: "No route matches \(path).")
        case .methodNotAllowed(let method, let allowed):
            return ProblemDetails(
                code: .methodNotAllowed, status: .methodNotAllowed,
                detail: "\(method) is not allowed here; allowed: \(allowed.joined(separator: ", ")).",
                headers: ["Allow": allowed.joined(separator: ", ")])
        case .notAcceptable(let detail):
            return ProblemDetails(code: .notAcceptable, status: .notAcceptable, detail: detail, field: "Accept")
        case .contentTooLarge(let limit):
            return ProblemDetails(
                code: .contentTooLarge, status: .contentTooLarge,
                detail: "The request body is larger than \(limit) bytes; serve --max-body-bytes (SWITCHYARD_MAX_BODY_BYTES) raises the limit.")
        case .unsupportedMediaType(let detail):
            return ProblemDetails(code: .unsupportedMediaType, status: .unsupportedMediaType, detail: detail, field: "Content-Type")
        case .nameMismatch(let field, let inPath, let inBody):
            return ProblemDetails(
                code: .nameMismatch, status: .unprocessableContent,
                detail: "The body's \(field) '\(inBody)' differs from the path's '\(inPath)'.", field: field,
                violations: [.init(field: field, message: "must equal the name in the path, '\(inPath)'")])
        case .invalidParameter(let field, let detail):
            return ProblemDetails(
                code: .invalidParameter, status: .unprocessableContent, detail: detail, field: field,
                violations: [.init(field: field, message: detail)])
        case .unavailable(let detail):
            return ProblemDetails(code: .unavailable, status: .serviceUnavailable, detail: detail)
        case .tooManyRequests(let detail, let retryAfterSeconds):
            return ProblemDetails(
                code: .tooManyRequests, status: .tooManyRequests, detail: detail,
                headers: ["Retry-After": String(retryAfterSeconds)])
        }
    }

    private static func problem(for error: ApplyError) -> ProblemDetails {
        switch error {
        case .notFound(let model):
            return ProblemDetails(code: .notFound, status: .notFound, detail: "No model named '\(model)'.", field: "model")
        case .applierUnavailable:
            return ProblemDetails(code: .conflict, status: .conflict, detail: "\(error)", field: "routing.applier")
        case .unconfigured:
            return ProblemDetails(code: .validationFailed, status: .unprocessableContent, detail: "\(error)", field: "routing")
        case .routingStateUnavailable, .rendering, .notTakenByLeader, .leaderFailed, .notLeader, .superseded,
            .leadershipUnclaimed:
            return ProblemDetails(code: .unavailable, status: .serviceUnavailable, detail: "\(error)")
        }
    }

    private static func problem(for error: FailoverError) -> ProblemDetails {
        switch error {
        case .unknownModel(let model):
            return ProblemDetails(code: .notFound, status: .notFound, detail: "No model named '\(model)'.")
        case .unknownPool(let pool):
            return ProblemDetails(
                code: .validationFailed, status: .unprocessableContent, detail: "No capacity pool named '\(pool)'.",
                field: "pool", violations: [ProblemDetails.Violation(field: "pool", message: "is not a registered pool")])
        }
    }

    private static func problem(for error: RolloutError) -> ProblemDetails {
        switch error {
        case .noActiveRollout:
            return ProblemDetails(code: .notFound, status: .notFound, detail: "\(error).")
        case .refused:
            return ProblemDetails(code: .conflict, status: .conflict, detail: "\(error).", field: "action")
        }
    }

    private static func problem(for error: ReplayError) -> ProblemDetails {
        switch error {
        case .unknownModel(let model):
            return ProblemDetails(code: .notFound, status: .notFound, detail: "No model named '\(model)'.", field: "model")
        case .malformedTraceLine, .traceTimeNotIncreasing, .invalidDemand, .emptyTrace:
            return ProblemDetails(code: .validationFailed, status: .unprocessableContent, detail: "\(error)", field: "demandCSV")
        case .noRoutableUnit:
            return ProblemDetails(code: .validationFailed, status: .unprocessableContent, detail: "\(error)", field: "model")
        case .invalidTiming, .invalidSpec:
            return ProblemDetails(code: .validationFailed, status: .unprocessableContent, detail: "\(error)")
        case .tooManySteps:
            return ProblemDetails(
                code: .validationFailed, status: .unprocessableContent, detail: "\(error)", field: "duration",
                violations: [ProblemDetails.Violation(field: "duration", message: "\(error)")])
        case .cancelled:
            return ProblemDetails(
                code: .unavailable, status: .serviceUnavailable,
                detail: "The replay was stopped before it finished: it ran past its time limit or the server is stopping.")
        }
    }

    private static func problem(for error: StoreError) -> ProblemDetails {
        switch error {
        case .notFound(let kind, let name):
            return ProblemDetails(code: .notFound, status: .notFound, detail: "No \(kind.rawValue) named '\(name)'.")
        case .preconditionFailed(let kind, let name, let currentETag):
            let detail = currentETag == nil
                ? "If-Match was given but no \(kind.rawValue) named '\(name)' exists."
                : "If-Match does not match the current ETag of \(kind.rawValue) '\(name)'."
            return ProblemDetails(
                code: .preconditionFailed, status: .preconditionFailed, detail: detail, field: "If-Match",
                headers: currentETag.map { ["ETag": $0] } ?? [:])
        case .referenced(let kind, let name, let references):
            let names = references.map { "\($0.kind.rawValue) \($0.name)" }.joined(separator: ", ")
            return ProblemDetails(
                code: .referenced, status: .conflict,
                detail: "\(kind.rawValue) '\(name)' is still referenced by \(names).", references: references)
        case .invalid(let violations):
            let listed = violations.map { ProblemDetails.Violation(field: $0.field, message: $0.message) }
            return ProblemDetails(
                code: .validationFailed, status: .unprocessableContent,
                detail: violations.map(\.description).joined(separator: "; "), field: violations.first?.field,
                violations: listed)
        case .conflict(let detail):
            return ProblemDetails(code: .conflict, status: .conflict, detail: detail)
        }
    }

    private static func problem(for error: DecodingError) -> ProblemDetails {
        let (path, detail): ([any CodingKey], String)
        switch error {
        case .keyNotFound(let key, let context):
            (path, detail) = (context.codingPath + [key], "A required field is missing.")
        case .typeMismatch(let type, let context):
            (path, detail) = (context.codingPath, "Expected a value of type \(type). \(context.debugDescription)")
        case .valueNotFound(let type, let context):
            (path, detail) = (context.codingPath, "Expected a value of type \(type), found null.")
        case .dataCorrupted(let context):
            (path, detail) = (context.codingPath, context.debugDescription)
        @unknown default:
            (path, detail) = ([], "The body does not parse.")
        }
        let field = FieldPath.render(path)
        if case .dataCorrupted(let context) = error, context.debugDescription.hasPrefix(unknownFieldsDescription),
           !field.isEmpty
        {
            // A field the schema does not have would otherwise be dropped without a word (a misspelt setting).
            return ProblemDetails(
                code: .validationFailed, status: .unprocessableContent, detail: "\(field) is not a field of this document.",
                field: field, violations: [.init(field: field, message: "is not a known field")])
        }
        return ProblemDetails(
            code: .malformedBody, status: .badRequest, detail: detail, field: field.isEmpty ? nil : field)
    }

    /// How the OpenAPI runtime begins describing a key that a schema with `additionalProperties: false` lacks.
    private static let unknownFieldsDescription = "Additional properties are disabled"

    /// Parameters and bodies fail to parse with the same error; a coding path that starts at a query item
    /// (or a request that has no body) is a bad parameter, anything else a malformed body.
    private static func problem(for error: DecodingError, in request: HTTPRequest) -> ProblemDetails {
        let body = problem(for: error)
        let queryNames = Set(
            (request.path ?? "").split(separator: "?", maxSplits: 1).dropFirst().first?
                .split(separator: "&").compactMap { $0.split(separator: "=", maxSplits: 1).first.map(String.init) } ?? [])
        let head = body.field.map { String($0.prefix { $0 != "." && $0 != "[" }) }
        if let head, queryNames.contains(head) {
            return ProblemDetails(
                code: .badRequest, status: .badRequest, detail: "The parameter \(head) cannot be parsed.", field: head)
        }
        if body.field == nil, [.get, .delete, .head].contains(request.method) {
            return ProblemDetails(code: .badRequest, status: .badRequest, detail: "A parameter cannot be parsed.")
        }
        return body
    }

    private static func problem(for error: HTTPError) -> ProblemDetails {
        switch error.status.code {
        case 404: ProblemDetails(code: .routeNotFound, status: .notFound, detail: error.body)
        case 413: ProblemDetails(code: .contentTooLarge, status: .contentTooLarge, detail: error.body)
        case 415: ProblemDetails(code: .unsupportedMediaType, status: .unsupportedMediaType, detail: error.body)
        case 400..<500: ProblemDetails(code: .badRequest, status: .badRequest, detail: error.body)
        default: internalError
        }
    }
}

/// Coding paths written the way the API documents fields: `units[2].kubernetes.port`.
enum FieldPath {
    static func render(_ path: [any CodingKey]) -> String {
        var text = ""
        for key in path {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

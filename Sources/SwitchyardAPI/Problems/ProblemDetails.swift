internal import Foundation
import HTTPTypes
import Hummingbird
import SwitchyardCore
import SwitchyardStore

/// An RFC 9457 problem document with Switchyard's extension members, and the response that carries it.
struct ProblemDetails: Codable, Sendable, Equatable {
    struct Violation: Codable, Sendable, Equatable {
        var field: String
        var message: String
    }

    var type: String
    var title: String
    var status: Int
    var detail: String?
    var instance: String?
    var code: String
    var field: String?
    var violations: [Violation]?
    var references: [ResourceRef]?
    var requestID: String?

    /// Headers the status calls for (`Allow` on 405, `WWW-Authenticate` on 401, `ETag` on 412); not serialised.
    var headers: [String: String] = [:]

    private enum CodingKeys: String, CodingKey {
        case type, title, status, detail, instance, code, field, violations, references, requestID
    }

    init(
        code: ProblemCode, status: HTTPResponse.Status, detail: String?, field: String? = nil,
        violations: [Violation]? = nil, references: [ResourceRef]? = nil, headers: [String: String] = [:]
    ) {
        self.type = code.typeURI
        self.title = code.title
        self.status = status.code
        self.detail = detail
        self.code = code.rawValue
        self.field = field
        self.violations = violations
        self.references = references
        self.headers = headers
    }

    static let mediaType = "application/problem+json"

    /// The problem document as sent, for a request path (when known) and id.
    func body(instance: String? = nil, requestID: String? = nil) -> Data {
        var document = self
        document.instance = instance
        document.requestID = requestID
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding a struct of strings and integers cannot fail; an empty body still carries the status.
        return (try? encoder.encode(document)) ?? Data()
    }

    /// The response carrying this problem for a request path and id.
    func response(instance: String, requestID: String?) -> Response {
        let body = body(instance: instance, requestID: requestID)
        var fields = HTTPFields()
        fields[.contentType] = Self.mediaType
        for (name, value) in headers {
            if let fieldName = HTTPField.Name(name) { fields[fieldName] = value }
        }
        return Response(
            status: HTTPResponse.Status(code: status),
            headers: fields,
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: body))
        )
    }
}

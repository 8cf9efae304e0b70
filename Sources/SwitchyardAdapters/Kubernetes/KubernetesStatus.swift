import SwitchyardCore

/// The API's `Status` object: what a failed request returns, and the object of a watch `ERROR` event.
public struct KubernetesStatus: Codable, Sendable, Hashable {
    /// `Success` or `Failure`.
    public var status: String?
    public var message: String?
    /// Machine-readable reason: `NotFound`, `AlreadyExists`, `Conflict`, `Invalid`, `Expired`, `Gone`, ...
    public var reason: String?
    public var details: Details?
    /// The HTTP status code the API chose for this failure.
    public var code: Int?

    public struct Details: Codable, Sendable, Hashable {
        public var name: String?
        public var group: String?
        public var kind: String?
        public var causes: [Cause]?
        public var retryAfterSeconds: Int?

        public init(name: String? = nil, group: String? = nil, kind: String? = nil, causes: [Cause]? = nil, retryAfterSeconds: Int? = nil) {
            self.name = name
            self.group = group
            self.kind = kind
            self.causes = causes
            self.retryAfterSeconds = retryAfterSeconds
        }
    }

    /// One reason a request was invalid, pointing at the offending field.
    public struct Cause: Codable, Sendable, Hashable {
        public var reason: String?
        public var message: String?
        public var field: String?

        public init(reason: String? = nil, message: String? = nil, field: String? = nil) {
            self.reason = reason
            self.message = message
            self.field = field
        }
    }

    public init(status: String? = "Failure", message: String?, reason: String?, details: Details? = nil, code: Int?) {
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }

    /// The Status as the API writes it, with `kind` and `apiVersion`.
    public var jsonValue: JSONValue {
        var members: [JSONValue.Member] = [
            .init("kind", .string("Status")), .init("apiVersion", .string("v1")), .init("metadata", .object([])),
        ]
        if let status { members.append(.init("status", .string(status))) }
        if let message { members.append(.init("message", .string(message))) }
        if let reason { members.append(.init("reason", .string(reason))) }
        if let details, let encoded = try? JSONValueEncoder().encode(details) { members.append(.init("details", encoded)) }
        if let code { members.append(.init("code", .integer(code))) }
        return .object(members)
    }
}

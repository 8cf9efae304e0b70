import SwitchyardCore

/// The operations of the OpenAPI document, embedded at build time (``EmbeddedOpenAPI/operations``): the access each
/// needs, by operation id, and the methods each path template has, which tell a 405 from a 404 for a request the
/// router could not dispatch. `security: []` marks an open operation and `x-switchyard-role` names the least role of
/// every other one; the build fails on an operation with neither, so the rules cannot drift from what is published.
struct RouteTable: Sendable {
    /// What an operation demands of the caller.
    enum Access: Sendable, Equatable {
        case open
        case role(Role)
    }

    /// One operation as the document declares it.
    struct Operation: Sendable, Equatable {
        var id: String
        /// Upper-case method name.
        var method: String
        /// The path template as written in the document, e.g. `/v1/models/{name}`.
        var template: String
        var access: Access
    }

    /// Where a request goes.
    enum Resolution: Sendable, Equatable {
        case matched(template: String)
        case methodNotAllowed(template: String, allowed: [String])
        case notFound
    }

    private struct Route: Sendable {
        var template: String
        var segments: [Segment]
        var methods: Set<String>

        var literalCount: Int { segments.filter { if case .literal = $0 { true } else { false } }.count }

        func matches(_ parts: [Substring]) -> Bool {
            guard parts.count == segments.count else { return false }
            return zip(segments, parts).allSatisfy { segment, part in
                switch segment {
                case .literal(let text): text == part
                case .parameter: !part.isEmpty
                }
            }
        }
    }

    private enum Segment: Sendable {
        case literal(String)
        case parameter
    }

    /// The document this binary serves.
    static let published = RouteTable(operations: EmbeddedOpenAPI.operations)

    let operations: [Operation]
    private let accessByOperation: [String: Access]
    private let routes: [Route]

    init(operations: [Operation]) {
        self.operations = operations
        accessByOperation = Dictionary(operations.map { ($0.id, $0.access) }, uniquingKeysWith: { first, _ in first })
        routes = Dictionary(grouping: operations, by: \.template).map { template, operations in
            Route(template: template, segments: Self.segments(of: template), methods: Set(operations.map(\.method)))
        }.sorted { $0.template < $1.template }
    }

    /// The access an operation needs; nil for an id the document does not declare.
    func access(operationID: String) -> Access? {
        accessByOperation[operationID]
    }

    /// Where a request goes. `routed` is the template the router dispatched it to (Hummingbird's `endpointPath`),
    /// taken as it is unless the path has an empty segment (`/v1/models/`), which the router would accept but no
    /// template does. Anything else is matched against the templates: a literal segment wins over a parameter.
    func resolve(method: String, path: String, routed: String?) -> Resolution {
        if let routed, !Self.hasEmptySegment(path) { return .matched(template: routed) }
        let parts = Self.split(path)
        let candidates = routes.filter { $0.matches(parts) }.sorted { $0.literalCount > $1.literalCount }
        guard let route = candidates.first else { return .notFound }
        guard route.methods.contains(method) else {
            return .methodNotAllowed(template: route.template, allowed: route.methods.sorted())
        }
        return .matched(template: route.template)
    }

    private static func segments(of template: String) -> [Segment] {
        split(template).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter : .literal(String(part))
        }
    }

    /// Whether `split(path)` would hold an empty segment, without splitting: an empty path, `//`, or a trailing `/`.
    private static func hasEmptySegment(_ path: String) -> Bool {
        let slash = UInt8(ascii: "/")
        let segments = path.utf8.prefix { $0 != UInt8(ascii: "?") }.dropFirst()
        guard let first = segments.first, let last = segments.last, first != slash, last != slash else { return true }
        var previous: UInt8 = 0
        for byte in segments {
            if byte == slash, previous == slash { return true }
            previous = byte
        }
        return false
    }

    private static func split(_ path: String) -> [Substring] {
        let pathOnly = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return Array(pathOnly.dropFirst().split(separator: "/", omittingEmptySubsequences: false))
    }
}

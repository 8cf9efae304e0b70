import SwitchyardCore
import Yams

/// The routes of the OpenAPI document with the role each needs, read from the document itself so the
/// access rules cannot drift from what is published: `security: []` marks an open route and
/// `x-switchyard-role` names the least role of every other one.
struct RouteTable: Sendable {
    /// What a route demands of the caller.
    enum Access: Sendable, Equatable {
        case open
        case role(Role)
    }

    struct Route: Sendable, Equatable {
        /// The path template as written in the document, e.g. `/v1/models/{name}`.
        var template: String
        var segments: [Segment]
        /// Upper-case method name to the access it needs.
        var methods: [String: Access]

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

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter
    }

    /// A request path resolved against the table.
    enum Resolution: Sendable, Equatable {
        case matched(template: String, access: Access)
        case methodNotAllowed(template: String, allowed: [String])
        case notFound
    }

    enum LoadError: Error, CustomStringConvertible {
        case unreadable(String)
        case missingAccess(method: String, path: String)

        var description: String {
            switch self {
            case .unreadable(let detail): "the OpenAPI document cannot be read: \(detail)"
            case .missingAccess(let method, let path):
                "\(method) \(path) has neither `security: []` nor `x-switchyard-role`"
            }
        }
    }

    private static let methodNames = ["get", "put", "post", "delete", "patch", "head", "options", "trace"]

    let routes: [Route]

    init(routes: [Route]) {
        self.routes = routes
    }

    /// Reads the routes of an OpenAPI document.
    init(openAPIDocument yaml: String) throws {
        guard let document = try Yams.load(yaml: yaml) as? [String: Any],
            let paths = document["paths"] as? [String: Any]
        else { throw LoadError.unreadable("no `paths`") }
        var routes: [Route] = []
        for (path, item) in paths {
            guard let operations = item as? [String: Any] else { throw LoadError.unreadable("path \(path)") }
            var methods: [String: Access] = [:]
            for name in Self.methodNames {
                guard let operation = operations[name] as? [String: Any] else { continue }
                methods[name.uppercased()] = try Self.access(of: operation, method: name.uppercased(), path: path)
            }
            routes.append(Route(template: path, segments: Self.segments(of: path), methods: methods))
        }
        self.routes = routes.sorted { $0.template < $1.template }
    }

    /// The route a request reaches: a literal segment wins over a parameter where two templates match.
    func resolve(method: String, path: String) -> Resolution {
        let parts = Self.split(path)
        let candidates = routes.filter { $0.matches(parts) }.sorted { $0.literalCount > $1.literalCount }
        guard let route = candidates.first else { return .notFound }
        if let access = route.methods[method] {
            return .matched(template: route.template, access: access)
        }
        return .methodNotAllowed(template: route.template, allowed: route.methods.keys.sorted())
    }

    private static func access(of operation: [String: Any], method: String, path: String) throws -> Access {
        if let role = operation["x-switchyard-role"] as? String {
            guard let role = Role(rawValue: role) else { throw LoadError.unreadable("unknown role \(role)") }
            return .role(role)
        }
        if let security = operation["security"] as? [Any], security.isEmpty {
            return .open
        }
        throw LoadError.missingAccess(method: method, path: path)
    }

    private static func segments(of template: String) -> [Segment] {
        split(template).map { part in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter : .literal(String(part))
        }
    }

    private static func split(_ path: String) -> [Substring] {
        let pathOnly = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return Array(pathOnly.dropFirst().split(separator: "/", omittingEmptySubsequences: false))
    }
}

import SwitchyardCore

/// Where a Kubernetes resource lives in the API: group, version, plural resource, and optionally namespace and name.
///
/// Core-group resources live under `/api/v1`, every other group under `/apis/<group>/<version>`:
/// `/api/v1/namespaces/x/services/y`, `/apis/keda.sh/v1alpha1/namespaces/x/scaledobjects/y`,
/// and cluster-scoped `/apis/karpenter.sh/v1/nodepools/y`.
public struct ResourcePath: Sendable, Hashable, CustomStringConvertible {
    /// Empty for the core group (`v1` Services, Pods, Events).
    public var group: String
    public var version: String
    /// Plural, lower-case resource name, e.g. `deployments`, `scaledobjects`.
    public var resource: String
    /// Nil for cluster-scoped resources, or for a list or watch across all namespaces.
    public var namespace: String?
    /// Nil addresses the collection (list, watch).
    public var name: String?

    public init(group: String, version: String, resource: String, namespace: String? = nil, name: String? = nil) {
        self.group = group
        self.version = version
        self.resource = resource
        self.namespace = namespace
        self.name = name
    }

    /// Builds a path from an `apiVersion` such as `apps/v1` or `v1`.
    public init(apiVersion: String, resource: String, namespace: String? = nil, name: String? = nil) {
        let parts = apiVersion.split(separator: "/", maxSplits: 1).map(String.init)
        if parts.count == 2 {
            self.init(group: parts[0], version: parts[1], resource: resource, namespace: namespace, name: name)
        } else {
            self.init(group: "", version: apiVersion, resource: resource, namespace: namespace, name: name)
        }
    }

    /// The path of a generic object from its `apiVersion`, `kind`, `metadata.namespace` and `metadata.name`;
    /// the resource is the kind's plural as Kubernetes derives it. Nil when the object lacks any of these.
    public init?(object: JSONValue) {
        guard let apiVersion = object["apiVersion"]?.stringValue, let kind = object["kind"]?.stringValue,
              let name = object["metadata"]?["name"]?.stringValue
        else { return nil }
        self.init(
            apiVersion: apiVersion, resource: Self.pluralResource(ofKind: kind),
            namespace: object["metadata"]?["namespace"]?.stringValue, name: name)
    }

    /// `v1` for the core group, `group/version` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// The same resource with `name` set.
    public func named(_ name: String) -> ResourcePath {
        var copy = self
        copy.name = name
        return copy
    }

    /// The collection this path belongs to: the same path without a name.
    public var collection: ResourcePath {
        var copy = self
        copy.name = nil
        return copy
    }

    /// The URL path, starting with `/`.
    public var path: String {
        var path = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if let namespace { path += "/namespaces/\(namespace)" }
        path += "/\(resource)"
        if let name { path += "/\(name)" }
        return path
    }

    public var description: String { path }

    /// Reads a URL path written by `path`; nil for anything else (discovery endpoints, subresources).
    public init?(parsing urlPath: String) {
        var segments = urlPath.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        let group: String
        let version: String
        if segments.first == "api", segments.count >= 2 {
            group = ""
            version = segments[1]
            segments.removeFirst(2)
        } else if segments.first == "apis", segments.count >= 3 {
            group = segments[1]
            version = segments[2]
            segments.removeFirst(3)
        } else {
            return nil
        }
        var namespace: String?
        // `namespaces/x/<resource>` is namespaced; a bare `namespaces[/x]` addresses Namespace objects themselves.
        if segments.first == "namespaces", segments.count >= 3 {
            namespace = segments[1]
            segments.removeFirst(2)
        }
        guard segments.count == 1 || segments.count == 2 else { return nil }
        self.init(group: group, version: version, resource: segments[0], namespace: namespace, name: segments.count == 2 ? segments[1] : nil)
    }

    /// The plural resource of a kind by Kubernetes' default rule (lower-cased, `-es` after s/x/z/ch/sh, `-ies` after a consonant y).
    public static func pluralResource(ofKind kind: String) -> String {
        let lower = kind.lowercased()
        if lower.hasSuffix("s") || lower.hasSuffix("x") || lower.hasSuffix("z") || lower.hasSuffix("ch") || lower.hasSuffix("sh") {
            return lower + "es"
        }
        if lower.hasSuffix("y"), let beforeY = lower.dropLast().last, !"aeiou".contains(beforeY) {
            return lower.dropLast() + "ies"
        }
        return lower + "s"
    }
}

import SwitchyardCore

/// What applying now would change, per target: Switchyard's `terraform plan`.
public struct ApplyDiff: Sendable, Equatable, Codable {
    /// One entry per target that has desired or last-applied items in scope, in `ApplierKind` order.
    public var targets: [TargetDiff]
    /// What the renderer left out or adjusted.
    public var warnings: [RenderWarning]

    public init(targets: [TargetDiff], warnings: [RenderWarning] = []) {
        self.targets = targets
        self.warnings = warnings
    }

    /// True when no target would change.
    public var isEmpty: Bool { targets.allSatisfy(\.diff.isEmpty) }

    /// The diff of one target; empty when the target has nothing in scope.
    public func diff(for target: ApplierKind) -> ManifestDiff {
        targets.first { $0.target == target }?.diff ?? ManifestDiff(changes: [])
    }
}

/// One target's field-by-field difference between what was last applied and what is desired.
public struct TargetDiff: Sendable, Equatable, Codable {
    public var target: ApplierKind
    public var diff: ManifestDiff

    public init(target: ApplierKind, diff: ManifestDiff) {
        self.target = target
        self.diff = diff
    }

    /// The document `ManifestDiff` compares for an item. Kubernetes objects are compared as they are;
    /// a forward config (which has no Kubernetes identity) is wrapped as a `ForwardConfig` named by its
    /// key (listener or rule ARN, or file path), so its weights show as `spec.TargetGroups[0].Weight`.
    public static func comparable(key: String, document: JSONValue) -> JSONValue {
        if ObjectIdentity(document) != nil { return document }
        return .object([
            .init("apiVersion", .string("elasticloadbalancing.amazonaws.com/2015-12-01")),
            .init("kind", .string("ForwardConfig")),
            .init("metadata", .object([.init("name", .string(key))])),
            .init("spec", document),
        ])
    }
}

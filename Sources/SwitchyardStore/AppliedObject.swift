import Foundation

/// One object as it was last pushed to a target (a Kubernetes object, a listener's forward config, a file).
public struct AppliedObject: Codable, Sendable, Equatable {
    /// `kubernetes`, `alb-annotation`, `elbv2` or `files`.
    public var target: String
    /// The object's identity within the target, e.g. `apps/v1/Deployment/sd21/sd21-inf2` or a listener ARN.
    public var key: String
    /// The model the object serves; nil for shared objects such as NodePools.
    public var model: String?
    /// The object as pushed, as JSON text.
    public var document: String
    public var appliedAt: Date

    public init(target: String, key: String, model: String?, document: String, appliedAt: Date) {
        self.target = target
        self.key = key
        self.model = model
        self.document = document
        self.appliedAt = appliedAt
    }
}

/// An object to record as applied: what a successful push sent.
public struct AppliedObjectDraft: Sendable, Equatable {
    public var key: String
    public var model: String?
    public var document: String

    public init(key: String, model: String?, document: String) {
        self.key = key
        self.model = model
        self.document = document
    }
}

import SwitchyardCore

/// One thing to push to a target: a Kubernetes object, a listener's or rule's forward config, or a manifest file.
public struct PushItem: Sendable, Equatable {
    /// The item's identity within its target: an `ObjectIdentity` text (`apps/v1/Deployment/sd21/sd21-inf2`),
    /// a listener or rule ARN, or a file path relative to the output directory.
    public var key: String
    /// The model the item serves; nil for objects shared by several models (NodePools, the EC2NodeClass).
    public var model: String?
    /// The item as it is pushed.
    public let document: JSONValue
    /// The document as what was last applied stores it (compact JSON, keys in order): equal texts are equal items,
    /// so an unchanged item is told from its record without reading the record back.
    public let storedText: String

    public init(key: String, model: String?, document: JSONValue) {
        self.init(key: key, model: model, document: document, storedText: document.jsonText(pretty: false))
    }

    /// An item read back from its stored text, which is kept rather than written again.
    public init(key: String, model: String?, document: JSONValue, storedText: String) {
        self.key = key
        self.model = model
        self.document = document
        self.storedText = storedText
    }
}

/// What became of pushing one item.
public struct PushOutcome: Sendable, Equatable, Codable {
    public var key: String
    /// Why the push failed; nil when it succeeded.
    public var error: String?

    public init(key: String, error: String? = nil) {
        self.key = key
        self.error = error
    }

    public var succeeded: Bool { error == nil }

    public static func success(_ key: String) -> PushOutcome { PushOutcome(key: key) }

    public static func failure(_ key: String, _ error: any Error) -> PushOutcome {
        PushOutcome(key: key, error: String(describing: error))
    }
}

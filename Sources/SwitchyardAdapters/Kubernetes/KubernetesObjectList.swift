import SwitchyardCore

/// The items of a list call and the resourceVersion a watch continues from.
public struct KubernetesObjectList: Sendable, Hashable {
    public var items: [JSONValue]
    public var resourceVersion: String

    public init(items: [JSONValue], resourceVersion: String) {
        self.items = items
        self.resourceVersion = resourceVersion
    }
}

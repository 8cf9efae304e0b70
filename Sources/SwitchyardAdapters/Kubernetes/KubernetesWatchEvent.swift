import SwitchyardCore

/// What a watch delivers. `ERROR` events never surface: a 410 becomes `relisted`, anything else ends the stream with a `KubernetesError`.
public enum KubernetesWatchEvent: Sendable, Hashable {
    case added(JSONValue)
    case modified(JSONValue)
    case deleted(JSONValue)
    /// The server's progress marker: nothing changed up to this resourceVersion.
    case bookmark(resourceVersion: String)
    /// The watch fell behind the server's history (410 Gone) and was re-established from a fresh list;
    /// the items are the complete current state and replace whatever the caller held.
    case relisted(KubernetesObjectList)

    /// The resourceVersion this event brings the watcher up to.
    public var resourceVersion: String? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object):
            object["metadata"]?["resourceVersion"]?.stringValue
        case .bookmark(let resourceVersion): resourceVersion
        case .relisted(let list): list.resourceVersion
        }
    }

    /// The object of an added, modified or deleted event.
    public var object: JSONValue? {
        switch self {
        case .added(let object), .modified(let object), .deleted(let object): object
        case .bookmark, .relisted: nil
        }
    }
}

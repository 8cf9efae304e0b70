import Foundation
import SwitchyardAdapters
import SwitchyardCore

extension KubernetesObjectStore {
    /// A watch that has started: the changes to replay first, then the live ones.
    public struct WatchSubscription: Sendable {
        public var replay: [FakeWatchEvent]
        public var live: AsyncStream<FakeWatchEvent>
    }

    /// Starts a watch on a collection. Without a resourceVersion (or with "0") the current objects come first
    /// as ADDED, as the API does; with one, every change after it. A resourceVersion older than the compaction
    /// point throws 410 Gone with an Expired Status.
    public func watch(
        _ path: ResourcePath, from resourceVersion: String?, labelSelector: String? = nil, fieldSelector: String? = nil,
        bookmarks: Bool = false
    ) throws -> WatchSubscription {
        let collection = path.collection
        let selector = ObjectSelector(labelSelector: labelSelector, fieldSelector: fieldSelector)
        let replay: [FakeWatchEvent]
        if let resourceVersion, resourceVersion != "0", !resourceVersion.isEmpty {
            guard let version = Int(resourceVersion) else {
                throw badRequest("invalid resourceVersion \(resourceVersion)")
            }
            guard version >= compactedThrough else {
                throw KubernetesError(httpStatus: 410, status: KubernetesStatus(
                    message: "too old resource version: \(version) (\(compactedThrough))", reason: "Expired", code: 410))
            }
            replay = history.filter { $0.resourceVersion > version && $0.key.isIn(collection) && selector.matches($0.object) }
                .map { FakeWatchEvent(type: $0.type, object: $0.object) }
        } else {
            replay = list(collection).items.filter(selector.matches).map { FakeWatchEvent(type: "ADDED", object: $0) }
        }
        let (live, continuation) = AsyncStream.makeStream(of: FakeWatchEvent.self)
        let id = UUID()
        watchers[id] = Watcher(collection: collection, selector: selector, bookmarks: bookmarks, continuation: continuation)
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeWatcher(id) }
        }
        return WatchSubscription(replay: replay, live: live)
    }

    func removeWatcher(_ id: UUID) {
        watchers[id] = nil
    }

    /// How many watches are open now.
    public var openWatchCount: Int { watchers.count }

    /// Forgets the change history: watches from any resourceVersion before now will get 410 Gone.
    public func compact() {
        history.removeAll()
        compactedThrough = resourceVersion
    }

    /// Ends every open watch, as an API server does at its watch timeout or when it restarts.
    public func closeWatches() {
        let open = watchers
        watchers.removeAll()
        for watcher in open.values { watcher.continuation.finish() }
    }

    /// Sends a BOOKMARK with the current resourceVersion to the watches that asked for bookmarks.
    public func sendBookmarks() {
        for watcher in watchers.values where watcher.bookmarks {
            let object = JSONValue.object([
                .init("kind", .string("Bookmark")), .init("apiVersion", .string(watcher.collection.apiVersion)),
                .init("metadata", .object([.init("resourceVersion", .string(String(resourceVersion)))])),
            ])
            watcher.continuation.yield(FakeWatchEvent(type: "BOOKMARK", object: object))
        }
    }

    /// Records a core/v1 Event about `involvedObject`, e.g. Karpenter's `InsufficientCapacityError` on a NodeClaim.
    @discardableResult
    public func recordEvent(
        namespace: String = "default", name: String? = nil, involvedObject: ObjectIdentity, reason: String, message: String,
        type: String = "Warning", sourceComponent: String = "karpenter"
    ) throws -> JSONValue {
        let eventName = name ?? "\(involvedObject.name).\(String(resourceVersion + 1, radix: 16))"
        let stamp = Date().formatted(.iso8601)
        var involved: [JSONValue.Member] = [
            .init("apiVersion", .string(involvedObject.apiVersion)), .init("kind", .string(involvedObject.kind)),
            .init("name", .string(involvedObject.name)),
        ]
        if let objectNamespace = involvedObject.namespace { involved.append(.init("namespace", .string(objectNamespace))) }
        let event = JSONValue.object([
            .init("apiVersion", .string("v1")), .init("kind", .string("Event")),
            .init("metadata", .object([.init("name", .string(eventName)), .init("namespace", .string(namespace))])),
            .init("involvedObject", .object(involved)),
            .init("reason", .string(reason)), .init("message", .string(message)), .init("type", .string(type)),
            .init("source", .object([.init("component", .string(sourceComponent))])),
            .init("count", .integer(1)),
            .init("firstTimestamp", .string(stamp)), .init("lastTimestamp", .string(stamp)),
        ])
        return try put(event, at: ResourcePath(group: "", version: "v1", resource: "events", namespace: namespace, name: eventName))
    }
}

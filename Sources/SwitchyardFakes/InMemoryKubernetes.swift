import SwitchyardAdapters
import SwitchyardCore

/// `KubernetesAPI` without HTTP, over the same `KubernetesObjectStore` (and so the same apply semantics) as
/// `FakeKubernetesAPIServer`, for unit tests of appliers and observers.
public struct InMemoryKubernetes: KubernetesAPI {
    public let store: KubernetesObjectStore
    let calls: CallLog

    public init(store: KubernetesObjectStore = KubernetesObjectStore()) {
        self.store = store
        self.calls = CallLog()
    }

    /// One call made through the protocol.
    public struct Call: Sendable, Hashable {
        public var verb: String
        public var path: ResourcePath
        public var fieldManager: String?
        public var force: Bool?
    }

    /// Every call so far, in order, failed ones included.
    public func receivedCalls() async -> [Call] { await calls.calls }

    /// The next `count` calls throw `error` instead of being handled.
    public func failNext(_ count: Int, with error: KubernetesError) async {
        await calls.enqueue(error, count: count)
    }

    public func apply(_ object: JSONValue, at path: ResourcePath, fieldManager: String, force: Bool) async throws -> JSONValue {
        try await calls.record(Call(verb: "apply", path: path, fieldManager: fieldManager, force: force))
        return try await store.apply(object, at: path, fieldManager: fieldManager, force: force)
    }

    public func get(_ path: ResourcePath) async throws -> JSONValue {
        try await calls.record(Call(verb: "get", path: path))
        return try await store.get(path)
    }

    public func list(_ path: ResourcePath, labelSelector: String?) async throws -> KubernetesObjectList {
        try await calls.record(Call(verb: "list", path: path))
        return await store.list(path, labelSelector: labelSelector)
    }

    /// Like the live client's watch: resumes when the store closes watches, relists after compaction.
    public func watch(
        _ path: ResourcePath, labelSelector: String?, from resourceVersion: String?
    ) -> AsyncThrowingStream<KubernetesWatchEvent, any Error> {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: KubernetesWatchEvent.self)
        let store = self.store
        let calls = self.calls
        let task = Task {
            var version = resourceVersion
            let fieldSelector = path.name.map { "metadata.name=\($0)" }
            do {
                while !Task.isCancelled {
                    try await calls.record(Call(verb: "watch", path: path))
                    let subscription: KubernetesObjectStore.WatchSubscription
                    do {
                        subscription = try await store.watch(
                            path, from: version, labelSelector: labelSelector, fieldSelector: fieldSelector)
                    } catch KubernetesError.gone {
                        let list = await store.list(path.collection, labelSelector: labelSelector, fieldSelector: fieldSelector)
                        version = list.resourceVersion
                        continuation.yield(.relisted(list))
                        continue
                    }
                    for event in subscription.replay { version = Self.deliver(event, to: continuation) ?? version }
                    for await event in subscription.live { version = Self.deliver(event, to: continuation) ?? version }
                }
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// Yields the event and returns its resourceVersion.
    private static func deliver(_ event: FakeWatchEvent, to continuation: AsyncThrowingStream<KubernetesWatchEvent, any Error>.Continuation) -> String? {
        let converted: KubernetesWatchEvent = switch event.type {
        case "ADDED": .added(event.object)
        case "MODIFIED": .modified(event.object)
        case "DELETED": .deleted(event.object)
        default: .bookmark(resourceVersion: event.object["metadata"]?["resourceVersion"]?.stringValue ?? "")
        }
        continuation.yield(converted)
        return converted.resourceVersion
    }
}

/// The calls an `InMemoryKubernetes` received and the failures queued for it.
actor CallLog {
    private(set) var calls: [InMemoryKubernetes.Call] = []
    private var failures: [KubernetesError] = []

    init() {}

    func enqueue(_ error: KubernetesError, count: Int) {
        failures.append(contentsOf: Array(repeating: error, count: count))
    }

    /// Records the call, then throws the next queued failure if any.
    func record(_ call: InMemoryKubernetes.Call) throws {
        calls.append(call)
        if !failures.isEmpty { throw failures.removeFirst() }
    }
}

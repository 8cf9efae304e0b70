import Foundation
import Logging
import SwitchyardCore

/// A local copy of the objects Switchyard manages, kept current by one list + watch per resource (across
/// namespaces, narrowed by a label selector), so drift checks read memory instead of GETting every object every
/// interval. A resource is listed the first time it is asked for; its watch then runs until the cache is
/// dropped. When a watch ends (an outage its reconnects could not bridge), the resource is marked unsynced and
/// listed again on the next read, after which a new watch starts.
public actor KubernetesObjectCache {
    private struct Resource {
        var objects: [String: JSONValue] = [:]
        var synced = false
        var watch: Task<Void, Never>?
    }

    let api: any KubernetesAPI
    let labelSelector: String
    let logger: Logger
    private var resources: [ResourcePath: Resource] = [:]

    /// - Parameter labelSelector: the objects to keep, by default those labelled as Switchyard's.
    public init(
        api: any KubernetesAPI, labelSelector: String = "\(RenderLabels.managedBy)=\(RenderLabels.managedByValue)",
        logger: Logger = Logger(label: "switchyard.kubernetes.cache")
    ) {
        self.api = api
        self.labelSelector = labelSelector
        self.logger = logger
    }

    deinit {
        for resource in resources.values { resource.watch?.cancel() }
    }

    /// The object at `path` as last seen (nil: it does not exist or does not carry the label). Lists the
    /// resource first when it is not synced; throws when that list fails.
    public func object(at path: ResourcePath) async throws -> JSONValue? {
        let collection = Self.collection(of: path)
        if resources[collection]?.synced != true { try await sync(collection) }
        return resources[collection]?.objects[Self.key(namespace: path.namespace, name: path.name ?? "")]
    }

    /// Resources whose watch is running and current.
    public var syncedResources: [ResourcePath] { resources.filter { $0.value.synced }.map(\.key) }

    private func sync(_ collection: ResourcePath) async throws {
        let list = try await api.list(collection, labelSelector: labelSelector)
        var resource = Resource()
        for object in list.items { resource.objects[Self.key(of: object)] = object }
        resource.synced = true
        resources[collection]?.watch?.cancel()
        resource.watch = Task { [weak self, api, labelSelector, logger] in
            do {
                for try await event in api.watch(collection, labelSelector: labelSelector, from: list.resourceVersion) {
                    await self?.apply(event, to: collection)
                }
                logger.info("cache watch ended; the resource is listed again on its next read", metadata: ["resource": "\(collection)"])
            } catch {
                logger.warning("cache watch failed; the resource is listed again on its next read", metadata: [
                    "resource": "\(collection)", "error": "\(error)",
                ])
            }
            await self?.unsync(collection)
        }
        resources[collection] = resource
    }

    private func apply(_ event: KubernetesWatchEvent, to collection: ResourcePath) {
        switch event {
        case .added(let object), .modified(let object):
            resources[collection]?.objects[Self.key(of: object)] = object
        case .deleted(let object):
            resources[collection]?.objects[Self.key(of: object)] = nil
        case .relisted(let list):
            var objects: [String: JSONValue] = [:]
            for object in list.items { objects[Self.key(of: object)] = object }
            resources[collection]?.objects = objects
        case .bookmark:
            break
        }
    }

    private func unsync(_ collection: ResourcePath) {
        resources[collection]?.synced = false
    }

    static func collection(of path: ResourcePath) -> ResourcePath {
        ResourcePath(group: path.group, version: path.version, resource: path.resource)
    }

    static func key(of object: JSONValue) -> String {
        key(namespace: object["metadata"]?["namespace"]?.stringValue, name: object["metadata"]?["name"]?.stringValue ?? "")
    }

    static func key(namespace: String?, name: String) -> String {
        "\(namespace ?? "")/\(name)"
    }
}

import Logging
import SwitchyardCore

/// Server-side applies rendered objects through a ``KubernetesAPI``, as field manager `switchyard`.
///
/// Items are applied one after another in the order given (pools before the workloads that need them); a
/// failed item is reported and the rest still go. Item keys are `ObjectIdentity` texts. With a
/// ``KubernetesObjectCache``, read-backs of Switchyard's own objects come from the cache's watches instead of a
/// GET per object.
public struct KubernetesApplier: Applier {
    public let kind: ApplierKind
    private let api: any KubernetesAPI
    private let fieldManager: String
    private let accepts: @Sendable (JSONValue) -> Bool
    private let cache: KubernetesObjectCache?
    private let logger: Logger

    /// Applies every object it is given, as the `kubernetes` applier.
    public init(
        api: any KubernetesAPI, fieldManager: String = "switchyard", cache: KubernetesObjectCache? = nil,
        logger: Logger = Logger(label: "switchyard.applier.kubernetes")
    ) {
        self.init(kind: .kubernetes, api: api, fieldManager: fieldManager, cache: cache, logger: logger) { _ in true }
    }

    init(
        kind: ApplierKind, api: any KubernetesAPI, fieldManager: String, cache: KubernetesObjectCache? = nil, logger: Logger,
        accepts: @escaping @Sendable (JSONValue) -> Bool
    ) {
        self.kind = kind
        self.api = api
        self.cache = cache
        self.fieldManager = fieldManager
        self.logger = logger
        self.accepts = accepts
    }

    public func push(_ items: [PushItem]) async -> [PushOutcome] {
        var outcomes: [PushOutcome] = []
        for item in items {
            do {
                let path = try path(of: item)
                _ = try await api.apply(item.document, at: path, fieldManager: fieldManager, force: Self.forces(item.document))
                outcomes.append(.success(item.key))
            } catch {
                logger.warning("apply failed", metadata: ["object": "\(item.key)", "error": "\(error)"])
                outcomes.append(.failure(item.key, error))
            }
        }
        return outcomes
    }

    public func readBack(_ items: [PushItem]) async throws -> [String: JSONValue?] {
        var live: [String: JSONValue?] = [:]
        for item in items {
            live[item.key] = .some(try await liveObject(of: item)?.projected(onto: item.document))
        }
        return live
    }

    public func otherFieldManagers(of item: PushItem, fields: [String]) async -> [String] {
        guard let object = try? await liveObject(of: item) else { return [] }
        return FieldOwnership.managers(of: object, owning: fields, except: fieldManager)
    }

    /// The live object, nil when it does not exist: from the cache for Switchyard's own objects, else a GET.
    private func liveObject(of item: PushItem) async throws -> JSONValue? {
        let path = try path(of: item)
        if let cache, Self.forces(item.document) {
            return try await cache.object(at: path)
        }
        do {
            return try await api.get(path)
        } catch KubernetesError.notFound {
            return nil
        }
    }

    /// Whether to take over fields another manager holds.
    ///
    /// Objects labelled `app.kubernetes.io/managed-by: switchyard` were rendered by Switchyard and are its to
    /// define: a conflict on them means someone edited a field by hand, and the rendered value must win, as a
    /// drift correction would restore it anyway. Anything else is applied without force, so a field another
    /// controller or team owns makes the push fail (409) and be audited instead of being silently taken over.
    /// Switchyard never renders a Deployment's `replicas` for autoscaled units, so forcing cannot fight KEDA.
    public static func forces(_ document: JSONValue) -> Bool {
        document["metadata"]?["labels"]?[RenderLabels.managedBy]?.stringValue == RenderLabels.managedByValue
    }

    private func path(of item: PushItem) throws -> ResourcePath {
        guard accepts(item.document) else {
            throw ApplierError.unsupportedItem(key: item.key, reason: "the \(kind.rawValue) applier does not push this kind of object")
        }
        guard let path = ResourcePath(object: item.document) else {
            throw ApplierError.unsupportedItem(key: item.key, reason: "not a Kubernetes object (no apiVersion, kind or metadata.name)")
        }
        return path
    }
}

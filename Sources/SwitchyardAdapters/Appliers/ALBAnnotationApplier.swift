import Logging
import SwitchyardCore

/// Pushes only a model's Ingress, whose `alb.ingress.kubernetes.io/actions.*` annotation the AWS Load
/// Balancer Controller turns into the listener's weighted forward; the workloads are left to whoever
/// deploys them. Same server-side apply and force rule as ``KubernetesApplier``.
public struct ALBAnnotationApplier: Applier {
    public var kind: ApplierKind { .albAnnotation }
    private let applier: KubernetesApplier

    public init(api: any KubernetesAPI, fieldManager: String = "switchyard", logger: Logger = Logger(label: "switchyard.applier.alb-annotation")) {
        applier = KubernetesApplier(kind: .albAnnotation, api: api, fieldManager: fieldManager, logger: logger) { document in
            Self.isIngress(document)
        }
    }

    /// Whether a document is a `networking.k8s.io/v1` Ingress, the one kind this applier pushes.
    public static func isIngress(_ document: JSONValue) -> Bool {
        document["apiVersion"]?.stringValue == Ingress.apiVersion && document["kind"]?.stringValue == Ingress.kind
    }

    public func push(_ items: [PushItem]) async -> [PushOutcome] {
        await applier.push(items)
    }

    public func readBack(_ items: [PushItem]) async throws -> [String: JSONValue?] {
        try await applier.readBack(items)
    }
}

import SwitchyardAdapters
import SwitchyardCore

/// Ready replicas read from each unit's Deployment (`status.readyReplicas`) on the Kubernetes API server. A
/// Deployment that does not exist yet has none ready.
public struct DeploymentReadiness: ReadyReplicasSource {
    let kubernetes: any KubernetesAPI

    public init(kubernetes: any KubernetesAPI) {
        self.kubernetes = kubernetes
    }

    public func readyReplicas(of units: [DeploymentUnit]) async throws -> [String: Int]? {
        var ready: [String: Int] = [:]
        for unit in units {
            let path = ResourcePath(
                group: "apps", version: "v1", resource: "deployments", namespace: unit.kubernetes.namespace,
                name: unit.kubernetes.deployment)
            do {
                let deployment = try await kubernetes.get(path)
                ready[unit.name] = Int(saturating: deployment["status"]?["readyReplicas"]?.numberValue ?? 0)
            } catch KubernetesError.notFound {
                ready[unit.name] = 0
            }
        }
        return ready
    }
}

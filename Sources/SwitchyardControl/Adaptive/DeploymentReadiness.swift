import SwitchyardAdapters
import SwitchyardCore

/// Ready replicas read from each unit's Deployment (`status.readyReplicas`) on the Kubernetes API server: the one
/// Switchyard renders, else the `<deployment>-predictor` one KServe creates for a unit of a `kserve` model. A
/// Deployment that does not exist yet has none ready.
public struct DeploymentReadiness: ReadyReplicasSource {
    let kubernetes: any KubernetesAPI

    public init(kubernetes: any KubernetesAPI) {
        self.kubernetes = kubernetes
    }

    public func readyReplicas(of units: [DeploymentUnit]) async throws -> [String: Int]? {
        var ready: [String: Int] = [:]
        for unit in units {
            ready[unit.name] = 0
            for name in [unit.kubernetes.deployment, "\(unit.kubernetes.deployment)-predictor"] {
                let path = ResourcePath(
                    group: "apps", version: "v1", resource: "deployments", namespace: unit.kubernetes.namespace, name: name)
                do {
                    let deployment = try await kubernetes.get(path)
                    ready[unit.name] = Int(saturating: deployment["status"]?["readyReplicas"]?.numberValue ?? 0)
                    break
                } catch KubernetesError.notFound {
                    continue
                }
            }
        }
        return ready
    }
}

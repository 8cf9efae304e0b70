import Foundation
import SwitchyardCore

/// Reads what a Karpenter interruption event puts at risk: the Node (a NodeClaim's node when the event was on the
/// NodeClaim), its capacity type and instance type labels, and the Switchyard units with pods on it (pods labelled
/// `switchyard.dev/unit` whose `spec.nodeName` is the node), with each unit's running pods as its ready replicas.
struct NodeWarningResolver: Sendable {
    /// The two-minute notice EC2 gives before it reclaims a spot instance.
    static let noticeSeconds = 120.0
    /// What a replacement takes to serve when a unit declares no time to serve.
    static let defaultReplacementSeconds = 600.0

    let kubernetes: any KubernetesAPI

    /// The warning, or nil when the node or its units cannot be read (the pool is then treated as short).
    func warning(
        kind: String, name: String, pool: String, reason: String, message: String, observedAt: Date, fleet: Fleet?
    ) async -> NodeWarning? {
        var nodeName = name
        if kind == "NodeClaim" {
            let claim = try? await kubernetes.get(
                ResourcePath(group: "karpenter.sh", version: "v1", resource: "nodeclaims", name: name))
            guard let node = claim?["status"]?["nodeName"]?.stringValue else { return nil }
            nodeName = node
        }
        let node = try? await kubernetes.get(ResourcePath(group: "", version: "v1", resource: "nodes", name: nodeName))
        let labels = node?["metadata"]?["labels"]
        guard let pods = try? await kubernetes.list(
            ResourcePath(group: "", version: "v1", resource: "pods"), labelSelector: RenderLabels.unit)
        else { return nil }
        var onNode: [String: Int] = [:]
        var running: [String: Int] = [:]
        for pod in pods.items {
            guard let unit = pod["metadata"]?["labels"]?[RenderLabels.unit]?.stringValue,
                  pod["metadata"]?["deletionTimestamp"]?.stringValue == nil
            else { continue }
            if pod["status"]?["phase"]?.stringValue == "Running" { running[unit, default: 0] += 1 }
            if pod["spec"]?["nodeName"]?.stringValue == nodeName { onNode[unit, default: 0] += 1 }
        }
        guard !onNode.isEmpty else { return nil }
        let units = onNode.keys.sorted().map { unit in
            NodeWarning.UnitOnNode(unit: unit, pods: onNode[unit] ?? 0, readyReplicas: max(running[unit] ?? 0, onNode[unit] ?? 0))
        }
        let replacement = units.compactMap { unit in
            fleet?.units.first { $0.name == unit.unit }?.timeToServeSeconds
        }.max() ?? Self.defaultReplacementSeconds
        return NodeWarning(
            node: nodeName, pool: pool,
            capacityType: labels?[RenderLabels.capacityType]?.stringValue.flatMap(CapacityType.init(rawValue:)),
            instanceType: labels?["node.kubernetes.io/instance-type"]?.stringValue, reason: reason,
            observedAt: observedAt, expiresAt: observedAt.addingTimeInterval(Self.noticeSeconds + replacement),
            evidence: "\(kind) \(name): \(message)", units: units)
    }
}

/// The node warnings in force, as plans and units take them (``NodeWarning``).
public struct NodeWarnings: Sendable, Equatable, Hashable {
    public var warnings: [NodeWarning]

    public init(_ warnings: [NodeWarning] = []) {
        self.warnings = warnings
    }

    public var isEmpty: Bool { warnings.isEmpty }

    /// Per unit, pods on warned nodes and the most ready replicas any warning saw.
    var byUnit: [String: (pods: Int, ready: Int, nodes: [String])] {
        var result: [String: (pods: Int, ready: Int, nodes: [String])] = [:]
        for warning in warnings {
            for unit in warning.units where unit.pods > 0 {
                var entry = result[unit.unit] ?? (0, 0, [])
                entry.pods += unit.pods
                entry.ready = max(entry.ready, unit.readyReplicas)
                entry.nodes.append(warning.node)
                result[unit.unit] = entry
            }
        }
        return result
    }

    /// The plan with each warned unit's weight cut to the share its replicas off the warned nodes carry, so the
    /// weights sum to less and the router sends the warned nodes' share to the other units. When every weighted unit
    /// would be cut to nothing, the plan is kept as it is: there is nowhere warm to move the traffic.
    public func applied(to plan: RoutingPlan) -> RoutingPlan {
        let warned = byUnit
        guard plan.entries.contains(where: { warned[$0.unit] != nil && $0.weight > 0 }) else { return plan }
        var moved = plan
        for index in moved.entries.indices {
            let entry = moved.entries[index]
            guard let unit = warned[entry.unit], entry.weight > 0 else { continue }
            let ready = max(unit.ready, unit.pods)
            let kept = ready > 0 ? Double(ready - unit.pods) / Double(ready) : 0
            let weight = Int((Double(entry.weight) * kept).rounded(.down))
            moved.entries[index].weight = weight
            moved.entries[index].reasons.append(
                "\(unit.pods) of \(ready) ready replicas on warned node\(unit.nodes.count == 1 ? "" : "s") "
                    + "\(unit.nodes.sorted().joined(separator: ", ")): weight \(entry.weight) -> \(weight)")
        }
        guard moved.entries.contains(where: { $0.weight > 0 }) else { return plan }
        return moved
    }

    /// The unit asking for one replica more per pod on a warned node than it had ready, so the replacement is
    /// scheduled at the warning; within its maximum replicas.
    public func applied(to unit: DeploymentUnit) -> DeploymentUnit {
        guard let warned = byUnit[unit.name] else { return unit }
        var surged = unit
        surged.minReplicas = min(unit.maxReplicas, max(unit.minReplicas, warned.ready + warned.pods))
        return surged
    }
}

/// Which of a model's units its forward action can carry, with their plan weights.
struct ModelRoute {
    /// An ALB forward action takes at most this many target groups.
    static let maxTargetGroups = 5
    static let maxWeight = 999

    let model: String
    /// The namespace of the model's first unit; the Ingress and round-robin Service live there.
    let namespace: String
    let plan: RoutingPlan?
    /// Weighted units in the Ingress's namespace, at most five, ordered by Service name so a reordered plan
    /// does not reorder the target groups.
    let weightedUnits: [(unit: DeploymentUnit, weight: Int)]

    init(model: String, units: [DeploymentUnit], context: RenderContext, warnings: inout [RenderWarning]) {
        self.model = model
        namespace = units.first?.kubernetes.namespace ?? "default"
        plan = context.plans[model]
        let namespace = self.namespace
        let outside = units.filter { $0.kubernetes.namespace != namespace }
        if !outside.isEmpty {
            warnings.append(RenderWarning(
                kind: .mixedNamespaces, subject: model,
                message: "units \(outside.map(\.name).joined(separator: ", ")) are outside namespace \(namespace); the Ingress cannot route to them"))
        }
        guard let plan else {
            weightedUnits = []
            return
        }
        let rendered = Dictionary(units.filter { $0.kubernetes.namespace == namespace }.map { ($0.name, $0) }) { first, _ in first }
        var candidates: [(unit: DeploymentUnit, weight: Int)] = []
        for entry in plan.entries {
            guard let unit = rendered[entry.unit] else {
                if !outside.contains(where: { $0.name == entry.unit }) {
                    warnings.append(RenderWarning(
                        kind: .unknownPlanUnit, subject: entry.unit,
                        message: "in the \(model) plan but not rendered; left out of the forward action"))
                }
                continue
            }
            candidates.append((unit, min(max(entry.weight, 0), Self.maxWeight)))
        }
        if candidates.count > Self.maxTargetGroups {
            // Plan order is best first; a stable sort by weight keeps that order among equal weights.
            let ranked = candidates.enumerated().sorted { lhs, rhs in
                lhs.element.weight != rhs.element.weight ? lhs.element.weight > rhs.element.weight : lhs.offset < rhs.offset
            }.map(\.element)
            let dropped = ranked.dropFirst(Self.maxTargetGroups).map(\.unit.name)
            warnings.append(RenderWarning(
                kind: .targetGroupLimit, subject: model,
                message: "an ALB forward action takes at most \(Self.maxTargetGroups) target groups; left out \(dropped.joined(separator: ", "))"))
            candidates = Array(ranked.prefix(Self.maxTargetGroups))
        }
        weightedUnits = candidates.sorted { $0.unit.kubernetes.service < $1.unit.kubernetes.service }
    }

    /// The model's ALB action name, also the Ingress backend's service name.
    var actionName: String { "\(model)-weighted" }

    /// The round-robin Service's name in `singleService` mode.
    var roundRobinServiceName: String { "\(model)-all" }
}

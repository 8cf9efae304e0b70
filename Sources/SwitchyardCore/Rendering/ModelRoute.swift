/// Which of a model's units its router can carry, with their plan weights, within the router's limits.
struct ModelRoute {
    let model: String
    let router: RouterKind
    /// The namespace of the model's first unit; the Ingress and round-robin Service live there.
    let namespace: String
    let plan: RoutingPlan?
    /// Weighted units in the route's namespace, at most the router's `maxBackends`, ordered by Service name so a
    /// reordered plan does not reorder the backends.
    let weightedUnits: [(unit: DeploymentUnit, weight: Int)]

    init(model: String, units: [DeploymentUnit], context: RenderContext, warnings: inout [RenderWarning]) {
        self.model = model
        router = context.models[model]?.routing.router ?? .albIngress
        let limits = router.limits
        namespace = units.first?.kubernetes.namespace ?? "default"
        plan = context.plans[model]
        let namespace = self.namespace
        let outside = units.filter { $0.kubernetes.namespace != namespace }
        if !outside.isEmpty {
            warnings.append(RenderWarning(
                kind: .mixedNamespaces, subject: model,
                message: "units \(outside.map(\.name).joined(separator: ", ")) are outside namespace \(namespace); the \(router == .gatewayAPI ? "HTTPRoute" : "Ingress") cannot route to them"))
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
            candidates.append((unit, min(max(entry.weight, 0), limits.maxWeight)))
        }
        if candidates.count > limits.maxBackends {
            // Plan order is best first; a stable sort by weight keeps that order among equal weights.
            let ranked = candidates.enumerated().sorted { lhs, rhs in
                lhs.element.weight != rhs.element.weight ? lhs.element.weight > rhs.element.weight : lhs.offset < rhs.offset
            }.map(\.element)
            let dropped = ranked.dropFirst(limits.maxBackends).map(\.unit.name)
            warnings.append(RenderWarning(
                kind: .targetGroupLimit, subject: model,
                message: "\(limits.holder) takes at most \(limits.maxBackends) \(limits.backends); left out \(dropped.joined(separator: ", "))"))
            candidates = Array(ranked.prefix(limits.maxBackends))
        }
        weightedUnits = candidates.sorted { context.backend(of: $0.unit).service < context.backend(of: $1.unit).service }
    }

    /// The model's ALB action name, also the Ingress backend's service name.
    var actionName: String { "\(model)-weighted" }

    /// The round-robin Service's name in `singleService` mode.
    var roundRobinServiceName: String { "\(model)-all" }
}

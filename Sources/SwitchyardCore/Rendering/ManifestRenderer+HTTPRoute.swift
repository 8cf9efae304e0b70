extension ManifestRenderer {
    /// The model's HTTPRoute (`gateway-api` router): one rule whose `backendRefs` carry the plan's weights, or the
    /// round-robin Service in `singleService` mode, attached to the model's Gateway, else the render settings'.
    /// Nil (with a warning) without a Gateway to attach to, or in weighted mode without a plan.
    func httpRoute(_ route: ModelRoute, context: RenderContext, warnings: inout [RenderWarning]) -> HTTPRoute? {
        let settings = context.settings
        guard let gateway = context.models[route.model]?.routing.gateway ?? settings.gateway else {
            warnings.append(RenderWarning(
                kind: .missingGateway, subject: route.model,
                message: "the gateway-api router needs a Gateway (routing.gateway, or the render settings' gateway); the HTTPRoute is not rendered"))
            return nil
        }
        let backendRefs: [HTTPRoute.BackendRef]
        switch settings.routingMode(for: route.model) {
        case .singleService:
            backendRefs = [HTTPRoute.BackendRef(service: route.roundRobinServiceName, port: settings.servicePort, weight: 1)]
        case .weightedServices:
            guard route.plan != nil else {
                warnings.append(RenderWarning(
                    kind: .missingPlan, subject: route.model,
                    message: "no routing plan, so no weights for the backendRefs; the HTTPRoute is not rendered"))
                return nil
            }
            backendRefs = route.weightedUnits.map { unit, weight in
                let backend = context.backend(of: unit)
                return HTTPRoute.BackendRef(service: backend.service, port: backend.port, weight: weight)
            }
        }
        let labels = [
            RenderLabels.name: route.model, RenderLabels.managedBy: RenderLabels.managedByValue, RenderLabels.model: route.model,
        ]
        return HTTPRoute(
            metadata: ObjectMeta(name: route.model, namespace: route.namespace, labels: labels),
            spec: HTTPRoute.Spec(
                parentRefs: [HTTPRoute.ParentReference(gateway: gateway)],
                hostnames: settings.ingress.hosts[route.model].map { [$0] } ?? [],
                rules: [HTTPRoute.Rule(matches: [HTTPRoute.Match(pathPrefix: settings.ingress.path)], backendRefs: backendRefs)]))
    }
}

extension ManifestRenderer {
    static let annotationPrefix = "alb.ingress.kubernetes.io/"

    /// One Service selecting all of a model's pods: the seed's capacity-optimized form, round robin across pods.
    func roundRobinService(_ route: ModelRoute, settings: RenderSettings) -> Service {
        Service(
            metadata: ObjectMeta(name: route.roundRobinServiceName, namespace: route.namespace, labels: modelLabels(route.model)),
            spec: Service.Spec(
                type: serviceType(settings),
                selector: [RenderLabels.model: route.model],
                ports: [Service.Port(name: "http", port: settings.servicePort, targetPort: .string("http"))]
            )
        )
    }

    /// The model's Ingress: a weighted forward action over its units' Services, or the round-robin Service.
    /// Nil (with a warning) in weighted mode when the model has no plan to take weights from.
    func ingress(_ route: ModelRoute, context: RenderContext, warnings: inout [RenderWarning]) -> Ingress? {
        let settings = context.settings
        let ingressSettings = settings.ingress
        var annotations: [String: String] = [
            Self.annotationPrefix + "scheme": ingressSettings.scheme,
            Self.annotationPrefix + "target-type": ingressSettings.targetType.rawValue,
            Self.annotationPrefix + "healthcheck-path": ingressSettings.healthCheckPath,
            Self.annotationPrefix + "healthcheck-interval-seconds": String(ingressSettings.healthCheckIntervalSeconds),
            Self.annotationPrefix + "healthcheck-timeout-seconds": String(ingressSettings.healthCheckTimeoutSeconds),
            Self.annotationPrefix + "healthy-threshold-count": String(ingressSettings.healthyThresholdCount),
            Self.annotationPrefix + "unhealthy-threshold-count": String(ingressSettings.unhealthyThresholdCount),
            Self.annotationPrefix + "success-codes": ingressSettings.successCodes,
        ]
        if let groupName = ingressSettings.groupName { annotations[Self.annotationPrefix + "group.name"] = groupName }

        let backend: Ingress.ServiceBackend
        switch settings.routingMode(for: route.model) {
        case .singleService:
            backend = Ingress.ServiceBackend(name: route.roundRobinServiceName, port: Ingress.Port(number: settings.servicePort))
        case .weightedServices:
            guard route.plan != nil else {
                warnings.append(RenderWarning(
                    kind: .missingPlan, subject: route.model,
                    message: "no routing plan, so no weights for the forward action; the Ingress is not rendered"))
                return nil
            }
            let action = forwardAction(route, context: context)
            annotations[Self.annotationPrefix + "actions." + route.actionName] = action.map { $0.description } ?? ""
            backend = Ingress.ServiceBackend(name: route.actionName, port: Ingress.Port(name: "use-annotation"))
        }
        return Ingress(
            metadata: ObjectMeta(name: route.model, namespace: route.namespace, labels: modelLabels(route.model), annotations: annotations),
            spec: Ingress.Spec(
                ingressClassName: ingressSettings.ingressClassName,
                rules: [Ingress.Rule(
                    host: ingressSettings.hosts[route.model],
                    http: Ingress.HTTPRuleValue(paths: [Ingress.Path(path: ingressSettings.path, backend: Ingress.Backend(service: backend))])
                )]
            )
        )
    }

    /// The forward action as the annotation's compact JSON.
    func forwardAction(_ route: ModelRoute, context: RenderContext) -> JSONValue? {
        let settings = context.settings
        let targetGroups = route.weightedUnits.map { unit, weight in
            if settings.ingress.useTargetGroupARNs, let arn = unit.targetGroupARN {
                return ALBForwardAction.TargetGroup(targetGroupARN: arn, weight: weight)
            }
            let backend = context.backend(of: unit)
            return ALBForwardAction.TargetGroup(serviceName: backend.service, servicePort: backend.port, weight: weight)
        }
        let stickiness = stickinessSeconds(route, context: context).map {
            ALBForwardAction.Stickiness(enabled: true, durationSeconds: $0)
        }
        let action = ALBForwardAction(forwardConfig: ALBForwardAction.ForwardConfig(
            targetGroups: targetGroups, targetGroupStickinessConfig: stickiness))
        return try? JSONValueEncoder().encode(action)
    }

    /// The same weights for the ELBv2 API, over the units that have target group ARNs; nil when none has one.
    func elbv2ForwardConfig(_ route: ModelRoute, context: RenderContext, warnings: inout [RenderWarning]) -> ELBv2ForwardConfig? {
        let withARN = route.weightedUnits.filter { $0.unit.targetGroupARN != nil }
        guard !withARN.isEmpty else { return nil }
        let missing = route.weightedUnits.filter { $0.unit.targetGroupARN == nil }.map(\.unit.name)
        if !missing.isEmpty {
            warnings.append(RenderWarning(
                kind: .missingTargetGroupARN, subject: route.model,
                message: "units \(missing.joined(separator: ", ")) have no target group ARN and are left out of the ELBv2 forward config"))
        }
        let stickiness = stickinessSeconds(route, context: context)
        return ELBv2ForwardConfig(
            targetGroups: withARN.map { ELBv2ForwardConfig.TargetGroupTuple(targetGroupArn: $0.unit.targetGroupARN!, weight: $0.weight) },
            targetGroupStickinessConfig: ELBv2ForwardConfig.StickinessConfig(enabled: stickiness != nil, durationSeconds: stickiness)
        )
    }

    private func stickinessSeconds(_ route: ModelRoute, context: RenderContext) -> Int? {
        guard let seconds = context.models[route.model]?.routing.stickinessSeconds, seconds > 0 else { return nil }
        return seconds
    }

    private func modelLabels(_ model: String) -> [String: String] {
        [RenderLabels.name: model, RenderLabels.managedBy: RenderLabels.managedByValue, RenderLabels.model: model]
    }
}

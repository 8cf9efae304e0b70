extension ManifestRenderer {
    /// The unit's pods: its image on its pool's nodes, with its accelerators and the seed's probes.
    func deployment(for unit: DeploymentUnit, context: RenderContext, autoscaled: Bool) -> Deployment {
        let labels = Self.labels(for: unit)
        let container = servingContainer(for: unit, name: "app", context: context)
        let tolerations = tolerations(for: unit, context: context)
        return Deployment(
            metadata: ObjectMeta(name: unit.kubernetes.deployment, namespace: unit.kubernetes.namespace, labels: labels),
            spec: Deployment.Spec(
                replicas: autoscaled ? nil : unit.minReplicas,
                selector: LabelSelector(matchLabels: [RenderLabels.model: unit.model, RenderLabels.unit: unit.name]),
                template: PodTemplateSpec(
                    metadata: PodTemplateMeta(labels: labels),
                    spec: PodSpec(
                        nodeSelector: nodeSelector(for: unit, context: context), tolerations: tolerations,
                        containers: [container])
                )
            )
        )
    }

    /// The unit's serving container: its image, accelerators and the seed's probes.
    func servingContainer(for unit: DeploymentUnit, name: String, context: RenderContext) -> PodSpec.Container {
        let settings = context.settings
        let deviceResource = context.instanceTypes[unit.instanceType].map { [$0.deviceResource: String($0.accelerator.count)] } ?? [:]
        let port = IntOrString.int(unit.kubernetes.port)
        return PodSpec.Container(
            name: name,
            image: unit.image,
            args: unit.args,
            ports: [PodSpec.ContainerPort(name: "http", containerPort: unit.kubernetes.port)],
            resources: PodSpec.ResourceRequirements(requests: deviceResource, limits: deviceResource),
            readinessProbe: PodSpec.Probe(
                httpGet: PodSpec.HTTPGetAction(path: unit.readinessPath, port: port),
                initialDelaySeconds: settings.probeInitialDelaySeconds, periodSeconds: settings.probePeriodSeconds),
            livenessProbe: PodSpec.Probe(
                httpGet: PodSpec.HTTPGetAction(path: unit.healthPath, port: port),
                initialDelaySeconds: settings.probeInitialDelaySeconds, periodSeconds: settings.probePeriodSeconds)
        )
    }

    /// Tolerations of the taints of the unit's pool.
    func tolerations(for unit: DeploymentUnit, context: RenderContext) -> [PodSpec.Toleration] {
        (context.pools[unit.pool]?.taints ?? []).map { taint in
            PodSpec.Toleration(
                key: taint.key, operator: taint.value == nil ? "Exists" : "Equal", value: taint.value, effect: taint.effect.rawValue)
        }
    }

    /// The unit's own Service: the target group its share of the weighted forward action goes to.
    func service(for unit: DeploymentUnit, settings: RenderSettings) -> Service {
        Service(
            metadata: ObjectMeta(name: unit.kubernetes.service, namespace: unit.kubernetes.namespace, labels: Self.labels(for: unit)),
            spec: Service.Spec(
                type: serviceType(settings),
                selector: [RenderLabels.model: unit.model, RenderLabels.unit: unit.name],
                ports: [Service.Port(name: "http", port: settings.servicePort, targetPort: .int(unit.kubernetes.port))]
            )
        )
    }

    /// The KEDA ScaledObject, or nil (with a warning) when the unit has no breaking point to scale at.
    func scaledObject(for unit: DeploymentUnit, context: RenderContext, warnings: inout [RenderWarning]) -> ScaledObject? {
        let settings = context.settings
        guard let breakingPoint = context.breakingPoint(of: unit) else {
            warnings.append(RenderWarning(
                kind: .unratedUnit, subject: unit.name,
                message: "no breaking point (no rated benchmark, manual value or plan entry), so no ScaledObject target can be computed; the Deployment keeps \(unit.minReplicas) replicas"))
            return nil
        }
        let target = breakingPoint * settings.targetUtilization(for: unit.model)
        let minReplicas = max(unit.minReplicas, 0)
        let maxReplicas = max(unit.maxReplicas, minReplicas, 1)
        let scalesToZero = minReplicas == 0
        let fallback = settings.fallback.map { fallback in
            let floor = max(minReplicas, 1)
            let replicas: Int = switch fallback.replicas {
            case .unitMinimum: floor
            case .unitMaximum: maxReplicas
            case .fixed(let count): min(max(count, floor), maxReplicas)
            }
            return ScaledObject.Fallback(failureThreshold: fallback.failureThreshold, replicas: replicas, behavior: fallback.behavior)
        }
        return ScaledObject(
            metadata: ObjectMeta(
                name: "\(unit.kubernetes.deployment)-hpa", namespace: unit.kubernetes.namespace, labels: Self.labels(for: unit)),
            spec: ScaledObject.Spec(
                scaleTargetRef: ScaledObject.ScaleTargetRef(name: unit.kubernetes.deployment),
                pollingInterval: settings.pollingIntervalSeconds,
                cooldownPeriod: settings.cooldownPeriodSeconds,
                minReplicaCount: minReplicas,
                maxReplicaCount: maxReplicas,
                fallback: fallback,
                advanced: settings.hpaBehavior.map {
                    ScaledObject.Advanced(horizontalPodAutoscalerConfig: ScaledObject.HorizontalPodAutoscalerConfig(behavior: $0))
                },
                triggers: [trigger(for: unit, target: target, scalesToZero: scalesToZero, settings: settings)]
            )
        )
    }

    func trigger(for unit: DeploymentUnit, target: Double, scalesToZero: Bool, settings: RenderSettings) -> ScaledObject.Trigger {
        let placeholders = [
            "unit": unit.name, "model": unit.model, "deployment": unit.kubernetes.deployment,
            "service": unit.kubernetes.service, "namespace": unit.kubernetes.namespace,
        ]
        var metadata: TriggerMetadata
        let type: String
        switch settings.trigger {
        case .awsCloudWatch:
            type = "aws-cloudwatch"
            let cloudWatch = settings.cloudWatch
            let metricName = Self.fill(cloudWatch.metricNameTemplate, placeholders)
            metadata = TriggerMetadata([
                "namespace": cloudWatch.namespace,
                "expression": Self.fill(
                    cloudWatch.expressionTemplate, ["metricName": metricName, "metricNamespace": cloudWatch.namespace]),
                "metricName": metricName,
                "targetMetricValue": Self.decimal(target),
                "minMetricValue": Self.decimal(cloudWatch.minMetricValue),
                "metricUnit": cloudWatch.metricUnit,
                "awsRegion": unit.region,
            ])
            if scalesToZero { metadata.append("activationTargetMetricValue", Self.decimal(settings.activationThreshold)) }
        case .prometheus(let serverAddress):
            type = "prometheus"
            metadata = TriggerMetadata([
                "serverAddress": serverAddress,
                "query": Self.fill(settings.prometheusQueryTemplate, placeholders),
                "threshold": Self.decimal(target),
            ])
            if scalesToZero { metadata.append("activationThreshold", Self.decimal(settings.activationThreshold)) }
        }
        return ScaledObject.Trigger(
            type: type, metricType: "AverageValue", metadata: metadata,
            authenticationRef: settings.triggerAuthentication.map { ScaledObject.AuthenticationRef(name: $0) })
    }

    /// ALB `ip` targets reach pods through any Service; `instance` targets need a NodePort.
    func serviceType(_ settings: RenderSettings) -> String {
        settings.ingress.targetType == .instance ? "NodePort" : "ClusterIP"
    }
}

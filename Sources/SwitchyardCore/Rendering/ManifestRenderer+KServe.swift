extension ManifestRenderer {
    /// KServe's annotation keys and the values Switchyard sets (KServe v0.20, `pkg/constants`).
    enum KServe {
        static let deploymentMode = "serving.kserve.io/deploymentMode"
        /// `Standard` is v0.20's name for raw deployment mode (`RawDeployment` is its deprecated alias).
        static let standardMode = "Standard"
        static let autoscalerClass = "serving.kserve.io/autoscalerClass"
        /// KServe writes its own KEDA ScaledObject from the predictor's `autoScaling.metrics`.
        static let keda = "keda"
        /// KServe leaves scaling to someone else: Switchyard's own ScaledObject on the predictor Deployment.
        static let external = "external"
        /// Neither KServe nor Switchyard scales: the predictor keeps `minReplicas`.
        static let none = "none"
        /// `cluster-local` keeps KServe from exposing the predictor itself: Switchyard's router fronts it.
        static let visibility = "networking.kserve.io/visibility"
        static let clusterLocal = "cluster-local"
        /// The name KServe expects of the predictor's serving container.
        static let containerName = "kserve-container"
    }

    /// KServe's Standard mode Service listens on port 80 (`CommonDefaultHttpPort`) and forwards to the
    /// container's first port.
    static let kservePredictorPort = 80

    /// What KServe names the predictor's Deployment and Service (`PredictorServiceName`): `<isvc>-predictor`.
    static func predictorName(of unit: DeploymentUnit) -> String {
        "\(unit.kubernetes.deployment)-predictor"
    }

    /// A unit of a `kserve` model: its InferenceService and, when KServe cannot express the trigger, the
    /// ScaledObject Switchyard keeps on the predictor Deployment KServe creates.
    ///
    /// KServe's KEDA metrics know Prometheus and Graphite backends only, so a Prometheus trigger becomes the
    /// predictor's `autoScaling` with autoscaler class `keda` (KServe writes the ScaledObject: the same query, the
    /// breaking point × target utilisation as the per-replica threshold, the unit's replica bounds), and any other
    /// trigger (CloudWatch) gets class `external` and Switchyard's own ScaledObject with its fallback and HPA
    /// behaviour, as for a Deployment. A unit without a breaking point gets class `none` and keeps its minimum.
    func kserveObjects(for unit: DeploymentUnit, context: RenderContext, warnings: inout [RenderWarning]) -> [KubernetesObject] {
        let settings = context.settings
        let predictor = Self.predictorName(of: unit)
        // The trigger's placeholders name what KServe creates.
        var scaled = unit
        scaled.kubernetes.deployment = predictor
        scaled.kubernetes.service = predictor
        var scaledObject = scaledObject(for: scaled, context: context, warnings: &warnings)
        scaledObject?.metadata.name = "\(unit.kubernetes.deployment)-hpa"
        scaledObject?.metadata.labels = StringMap(Self.labels(for: unit))

        var autoScaling: InferenceService.AutoScaling?
        let autoscalerClass: String
        switch (scaledObject, settings.trigger) {
        case (nil, _):
            autoscalerClass = KServe.none
        case (let object?, .prometheus(let serverAddress)):
            autoscalerClass = KServe.keda
            let trigger = object.spec.triggers[0]
            autoScaling = InferenceService.AutoScaling(metrics: [InferenceService.Metric(external: InferenceService.External(
                metric: InferenceService.MetricSource(
                    backend: "prometheus", serverAddress: serverAddress, query: trigger.metadata["query"] ?? ""),
                target: InferenceService.Target(value: trigger.metadata["threshold"] ?? "0"),
                authenticationRef: settings.triggerAuthentication.map(InferenceService.AuthenticationRef.init)))])
            scaledObject = nil
        case (_?, .awsCloudWatch):
            autoscalerClass = KServe.external
        }

        let minReplicas = max(unit.minReplicas, 0)
        let inferenceService = InferenceService(
            metadata: ObjectMeta(
                name: unit.kubernetes.deployment, namespace: unit.kubernetes.namespace,
                labels: Self.labels(for: unit).merging([KServe.visibility: KServe.clusterLocal]) { first, _ in first },
                annotations: [KServe.deploymentMode: KServe.standardMode, KServe.autoscalerClass: autoscalerClass]),
            spec: InferenceService.Spec(predictor: InferenceService.Predictor(
                minReplicas: minReplicas, maxReplicas: max(unit.maxReplicas, minReplicas, 1),
                labels: Self.labels(for: unit), autoScaling: autoScaling,
                nodeSelector: nodeSelector(for: unit, context: context), tolerations: tolerations(for: unit, context: context),
                serving: serving(for: unit, context: context))))
        return [.inferenceService(inferenceService)] + (scaledObject.map { [.scaledObject($0)] } ?? [])
    }

    /// The unit's model spec when it names one, else its image as KServe's custom serving container.
    private func serving(for unit: DeploymentUnit, context: RenderContext) -> InferenceService.Serving {
        let container = servingContainer(for: unit, name: KServe.containerName, context: context)
        guard let spec = unit.kserve else { return .container(container) }
        return .model(InferenceService.Model(spec, container: container))
    }
}

import SwitchyardCore

// Deployment units between the domain and the API, field by field; left-out fields keep the domain's defaults.

extension Components.Schemas.DeploymentUnit {
    init(_ unit: SwitchyardCore.DeploymentUnit) throws {
        self.init(
            name: unit.name, model: unit.model, instanceType: unit.instanceType, pool: unit.pool, region: unit.region,
            capacityType: try SchemaEnum.convert(unit.capacityType),
            capacityTypes: try unit.capacityTypes.map { try SchemaEnum.convert($0) }, pinCapacityType: unit.pinCapacityType,
            runtime: unit.runtime, image: unit.image,
            minReplicas: unit.minReplicas, maxReplicas: unit.maxReplicas,
            kubernetes: .init(
                namespace: unit.kubernetes.namespace, deployment: unit.kubernetes.deployment,
                service: unit.kubernetes.service, port: unit.kubernetes.port),
            healthPath: unit.healthPath, readinessPath: unit.readinessPath, targetGroupARN: unit.targetGroupARN,
            manualBreakingPointRPS: unit.manualBreakingPointRPS, timeToServeSeconds: unit.timeToServeSeconds,
            enabled: unit.enabled, version: unit.version)
        args = unit.args
        kserve = unit.kserve.map {
            .init(
                modelFormat: $0.modelFormat, modelFormatVersion: $0.modelFormatVersion, runtime: $0.runtime,
                storageUri: $0.storageUri)
        }
    }
}

extension SwitchyardCore.DeploymentUnit {
    init(_ unit: Components.Schemas.DeploymentUnit) throws {
        var names = KubernetesNames(deployment: unit.kubernetes.deployment, service: unit.kubernetes.service)
        if let namespace = unit.kubernetes.namespace { names.namespace = namespace }
        if let port = unit.kubernetes.port { names.port = port }
        self.init(
            name: unit.name, model: unit.model, instanceType: unit.instanceType, pool: unit.pool, runtime: unit.runtime,
            image: unit.image, kubernetes: names, targetGroupARN: unit.targetGroupARN,
            manualBreakingPointRPS: unit.manualBreakingPointRPS, timeToServeSeconds: unit.timeToServeSeconds)
        if let region = unit.region { self.region = region }
        let kinds: [CapacityType]? = try unit.capacityTypes?.map { try SchemaEnum.convert($0) }
        capacityType = try unit.capacityType.map { try SchemaEnum.convert($0) } ?? DeploymentUnit.pricedKind(of: kinds)
        capacityTypes = kinds ?? [capacityType]
        if let pin = unit.pinCapacityType { pinCapacityType = pin }
        if let replicas = unit.minReplicas { minReplicas = replicas }
        if let replicas = unit.maxReplicas { maxReplicas = replicas }
        if let path = unit.healthPath { healthPath = path }
        if let path = unit.readinessPath { readinessPath = path }
        if let enabled = unit.enabled { self.enabled = enabled }
        version = unit.version
        args = unit.args
        kserve = unit.kserve.map {
            KServeModelSpec(
                modelFormat: $0.modelFormat, modelFormatVersion: $0.modelFormatVersion, runtime: $0.runtime,
                storageUri: $0.storageUri)
        }
    }
}

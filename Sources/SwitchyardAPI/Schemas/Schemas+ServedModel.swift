import SwitchyardCore

// Served models between the domain and the API, field by field. Fields a request leaves out keep the domain's
// defaults: the value is built with its required fields, then each given field is set.

extension Components.Schemas.ServedModel {
    init(_ model: SwitchyardCore.ServedModel) throws {
        self.init(
            name: model.name, slo: try .init(model.slo), expectedDemandRPS: model.expectedDemandRPS,
            routing: try .init(model.routing),
            spot: .init(
                maxShare: model.spot.maxShare, onDemandFloor: model.spot.onDemandFloor,
                spareNodes: model.spot.spareNodes))
    }
}

extension SwitchyardCore.ServedModel {
    init(_ model: Components.Schemas.ServedModel) throws {
        self.init(name: model.name, slo: try .init(model.slo), expectedDemandRPS: model.expectedDemandRPS)
        if let routing = model.routing { self.routing = try .init(routing) }
        if let spot = model.spot {
            if let share = spot.maxShare { self.spot.maxShare = share }
            if let floor = spot.onDemandFloor { self.spot.onDemandFloor = floor }
            if let spares = spot.spareNodes { self.spot.spareNodes = spares }
        }
    }
}

extension Components.Schemas.ServiceLevelObjective {
    init(_ slo: SwitchyardCore.ServiceLevelObjective) throws {
        self.init(
            latencyPercentile: try SchemaEnum.convert(slo.latencyPercentile), latencyThresholdMs: slo.latencyThresholdMs,
            maxErrorRate: slo.maxErrorRate, maxUtilization: slo.maxUtilization)
    }
}

extension SwitchyardCore.ServiceLevelObjective {
    init(_ slo: Components.Schemas.ServiceLevelObjective) throws {
        self.init(latencyThresholdMs: slo.latencyThresholdMs)
        if let percentile = slo.latencyPercentile { latencyPercentile = try SchemaEnum.convert(percentile) }
        if let rate = slo.maxErrorRate { maxErrorRate = rate }
        if let utilization = slo.maxUtilization { maxUtilization = utilization }
    }
}

extension Components.Schemas.RoutingSettings {
    init(_ routing: SwitchyardCore.RoutingSettings) throws {
        let standby: StandbyPayload =
            switch routing.standby {
            case .auto: .case1(.auto)
            case .replicas(let count): .case2(count)
            }
        self.init(
            defaultStrategy: .init(routing.defaultStrategy), stickinessSeconds: routing.stickinessSeconds,
            applier: try SchemaEnum.convert(routing.applier), listenerARN: routing.listenerARN, ruleARN: routing.ruleARN,
            failoverStrategy: .init(routing.failoverStrategy), adaptive: routing.adaptive, standby: standby,
            workload: try SchemaEnum.convert(routing.workload), router: try SchemaEnum.convert(routing.router),
            gateway: routing.gateway.map {
                Components.Schemas.GatewayReference(name: $0.name, namespace: $0.namespace, sectionName: $0.sectionName)
            })
    }
}

extension SwitchyardCore.RoutingSettings {
    init(_ routing: Components.Schemas.RoutingSettings) throws {
        self.init(stickinessSeconds: routing.stickinessSeconds, listenerARN: routing.listenerARN, ruleARN: routing.ruleARN)
        if let strategy = routing.defaultStrategy { defaultStrategy = try SchemaEnum.convert(strategy) }
        if let applier = routing.applier { self.applier = try SchemaEnum.convert(applier) }
        if let strategy = routing.failoverStrategy { failoverStrategy = try SchemaEnum.convert(strategy) }
        if let adaptive = routing.adaptive { self.adaptive = adaptive }
        switch routing.standby {
        case .case1(.auto)?: standby = .auto
        case .case2(let count)?: standby = .replicas(count)
        case nil: break
        }
        if let workload = routing.workload { self.workload = try SchemaEnum.convert(workload, to: WorkloadKind.self) }
        // Set after the applier, which implies the router a request leaves out.
        router = try routing.router.map { try SchemaEnum.convert($0, to: RouterKind.self) } ?? RouterKind.implied(by: applier)
        gateway = routing.gateway.map { GatewayReference(name: $0.name, namespace: $0.namespace, sectionName: $0.sectionName) }
    }
}

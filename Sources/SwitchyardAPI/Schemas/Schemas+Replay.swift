import SwitchyardCore

// Replays: the request into the domain, the report out of it, field by field (domain types spelled with their
// module).

extension SwitchyardCore.ReplayRequest {
    init(_ request: Components.Schemas.ReplayRequest) {
        self.init(
            reference: request.reference, scenario: request.scenario?.rawValue, model: request.model,
            demandCSV: request.demandCSV, patterns: request.patterns,
            outages: request.outages, duration: request.duration, step: request.step,
            knobs: request.knobs.map { SwitchyardCore.ReplayKnobs($0) })
    }
}

extension SwitchyardCore.ReplayKnobs {
    init(_ knobs: Components.Schemas.ReplayKnobs) {
        self.init(
            targetUtilization: knobs.targetUtilization, adaptiveTargetUtilization: knobs.adaptiveTargetUtilization,
            scaleDownWindow: knobs.scaleDownWindow, nodeLaunch: knobs.nodeLaunch, modelLoad: knobs.modelLoad,
            minReplicas: knobs.minReplicas, standby: knobs.standby)
    }
}

extension Components.Schemas.ReplayReport {
    init(_ report: SwitchyardCore.ReplayReport) {
        self.init(
            scenario: report.scenario, model: report.model, durationSeconds: report.durationSeconds,
            stepSeconds: report.stepSeconds, seriesIntervalSeconds: report.seriesIntervalSeconds,
            units: report.units.map { .init($0) }, capacityWindows: report.capacityWindows.map { .init($0) },
            demandRequests: report.demandRequests, results: report.results.map { .init($0) })
    }
}

extension Components.Schemas.ReplayUnit {
    init(_ unit: SwitchyardCore.ReplayUnit) {
        self.init(
            name: unit.name, pool: unit.pool, breakingPointRPS: unit.breakingPointRPS, hourlyUSD: unit.hourlyUSD,
            costPer1kInferencesUSD: unit.costPer1kInferencesUSD)
    }
}

extension Components.Schemas.ReplayCapacityWindow {
    init(_ window: CapacityWindow) {
        self.init(pool: window.pool, from: window.from, to: window.to, nodeLimit: window.nodeLimit)
    }
}

extension Components.Schemas.ReplayStrategyResult {
    init(_ result: StrategyResult) {
        self.init(
            strategy: .init(result.strategy), totalCostUSD: result.totalCostUSD,
            costPerMillionInferencesUSD: result.costPerMillionInferencesUSD, servedRequests: result.servedRequests,
            droppedRequests: result.droppedRequests, servedWithinSLOShare: result.servedWithinSLOShare,
            nodeHours: result.nodeHours, peakNodes: result.peakNodes, switchCount: result.switchCount,
            switches: result.switches.map { .init(t: $0.t, from: $0.from, to: $0.to, reason: $0.reason) },
            weightChanges: result.weightChanges, shortageToSwitchSeconds: result.shortageToSwitchSeconds,
            costRatioToOracle: result.costRatioToOracle, costRatioToClairvoyant: result.costRatioToClairvoyant,
            series: result.series.map { .init($0) }, spotInterruptions: result.spotInterruptions,
            droppedDuringInterruptionsRequests: result.droppedDuringInterruptionsRequests,
            allOnDemandCostUSD: result.allOnDemandCostUSD, savingsVsAllOnDemand: result.savingsVsAllOnDemand,
            reservedBusyShare: result.reservedBusyShare,
            paidNodeHoursWithReservationIdle: result.paidNodeHoursWithReservationIdle)
    }
}

extension Components.Schemas.ReplayStrategy {
    init(_ strategy: SwitchyardCore.ReplayStrategy) {
        switch strategy {
        case .staticCost: self = .staticCost
        case .staticCapacity: self = .staticCapacity
        case .switchyardFailover: self = .switchyardFailover
        case .switchyardOptimal: self = .switchyardOptimal
        case .switchyardAdaptive: self = .switchyardAdaptive
        case .sampleController: self = .sampleController
        case .oracle: self = .oracle
        case .clairvoyant: self = .clairvoyant
        }
    }
}

extension Components.Schemas.ReplaySeriesPoint {
    init(_ point: SwitchyardCore.ReplaySeriesPoint) {
        self.init(
            t: point.t, demandRPS: point.demandRPS, servedRPS: point.servedRPS, droppedRPS: point.droppedRPS,
            weights: point.weights, readyReplicas: point.readyReplicas, nodes: point.nodes,
            hourlyCostUSD: point.hourlyCostUSD)
    }
}

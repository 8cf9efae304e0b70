import SwitchyardCore

// Plans, ratings and what-if questions between the domain and the API, field by field.

extension Components.Schemas.RoutingPlan {
    init(_ plan: SwitchyardCore.RoutingPlan) {
        self.init(
            model: plan.model, strategy: .init(plan.strategy), demandRPS: plan.demandRPS, headroom: plan.headroom,
            weightTotal: plan.weightTotal,
            entries: plan.entries.map {
                .init(
                    unit: $0.unit, breakingPointRPS: $0.breakingPointRPS, costPer1kInferencesUSD: $0.costPer1kInferencesUSD,
                    onDemandCostPer1kInferencesUSD: $0.onDemandCostPer1kInferencesUSD,
                    spotCostPer1kInferencesUSD: $0.spotCostPer1kInferencesUSD, weight: $0.weight,
                    expectedRPS: $0.expectedRPS, replicas: $0.replicas, hourlyCostUSD: $0.hourlyCostUSD,
                    reasons: $0.reasons,
                    capacity: $0.capacity.map { shares in shares.map(Components.Schemas.CapacityShare.init) })
            },
            excluded: plan.excluded.map { .init(unit: $0.unit, reason: .init($0.reason), detail: $0.detail) },
            totals: .init(
                capacityRPS: plan.totals.capacityRPS, hourlyCostUSD: plan.totals.hourlyCostUSD,
                servedRPS: plan.totals.servedRPS, unservedRPS: plan.totals.unservedRPS,
                capacityKinds: plan.totals.capacityKinds.map(Components.Schemas.CapacityKindTotals.init)),
            notes: plan.notes)
    }
}

extension Components.Schemas.CapacityShare {
    init(_ share: SwitchyardCore.CapacityShare) {
        self.init(
            capacityType: .init(share.capacityType), replicas: share.replicas, hourlyCostUSD: share.hourlyCostUSD,
            expectedHourlyCostUSD: share.expectedHourlyCostUSD)
    }
}

extension Components.Schemas.CapacityType {
    init(_ kind: SwitchyardCore.CapacityType) {
        switch kind {
        case .onDemand: self = .onDemand
        case .spot: self = .spot
        case .reserved: self = .reserved
        }
    }
}

extension Components.Schemas.CapacityKindTotals {
    init(_ totals: SwitchyardCore.CapacityKindTotals) {
        self.init(
            onDemandHourlyCostUSD: totals.onDemandHourlyCostUSD, savingsFraction: totals.savingsFraction,
            reservedReplicas: totals.reservedReplicas, reservedSunkHourlyCostUSD: totals.reservedSunkHourlyCostUSD,
            spotReplicas: totals.spotReplicas, spotCapacityRPS: totals.spotCapacityRPS,
            capacityWithoutSpotRPS: totals.capacityWithoutSpotRPS,
            expectedInterruptionsPerHour: totals.expectedInterruptionsPerHour)
    }
}

extension Components.Schemas.UnitRating {
    init(_ rating: SwitchyardCore.UnitRating) {
        self.init(
            unit: rating.unit, breakingPointRPS: rating.breakingPointRPS, source: .init(rating.source),
            boundBy: rating.boundBy.map { .init($0) }, benchmarkRunID: rating.benchmarkRunID,
            sampleIndex: rating.sampleIndex, explanation: rating.explanation)
    }
}

extension Components.Schemas.ExclusionReason {
    init(_ reason: SwitchyardCore.ExclusionReason) {
        switch reason {
        case .unrated: self = .unrated
        case .disabled: self = .disabled
        case .poolShort: self = .poolShort
        case .noPrice: self = .noPrice
        case .overTargetGroupLimit: self = .overTargetGroupLimit
        case .otherVersion: self = .otherVersion
        case .notNeeded: self = .notNeeded
        }
    }
}

extension Components.Schemas.RatingSource {
    init(_ source: SwitchyardCore.RatingSource) {
        switch source {
        case .manual: self = .manual
        case .benchmark: self = .benchmark
        case .unrated: self = .unrated
        }
    }
}

extension Components.Schemas.RatingConstraint {
    init(_ constraint: SwitchyardCore.RatingConstraint) {
        switch constraint {
        case .latency: self = .latency
        case .errorRate: self = .errorRate
        case .utilization: self = .utilization
        case .plateau: self = .plateau
        case .lastSample: self = .lastSample
        }
    }
}

extension WhatIfQuestion {
    init(_ request: Components.Schemas.WhatIfRequest) throws {
        self.init(
            model: request.model, strategy: try request.strategy.map { try SchemaEnum.convert($0) },
            demandRPS: request.demandRPS, headroom: request.headroom,
            overrides: try request.overrides.map { overrides in
                Overrides(
                    prices: try overrides.prices?.map {
                        PriceOverride(
                            instanceType: $0.instanceType, region: $0.region,
                            capacityType: try SchemaEnum.convert($0.capacityType), hourlyUSD: $0.hourlyUSD)
                    },
                    shortPools: overrides.shortPools, breakingPoints: overrides.breakingPoints?.additionalProperties)
            })
    }
}

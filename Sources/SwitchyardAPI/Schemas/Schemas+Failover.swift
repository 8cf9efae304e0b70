internal import Foundation
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore

// The failover state as the API shows it, field by field. Domain types are spelled with their module: inside
// these extensions an unqualified name would find the generated schema of the same name first.

extension Components.Schemas.SignalReceipt {
    init(_ stored: StoredCapacitySignal) {
        self.init(id: stored.id, signal: .init(stored.signal), receivedAt: stored.receivedAt)
    }
}

extension Components.Schemas.CapacitySignal {
    init(_ signal: SwitchyardCore.CapacitySignal) {
        self.init(
            pool: signal.pool, condition: .init(signal.condition), source: .init(signal.source), reason: signal.reason,
            observedAt: signal.observedAt, evidence: signal.evidence)
    }
}

extension Components.Schemas.CapacityCondition {
    init(_ condition: SwitchyardCore.CapacityCondition) {
        switch condition {
        case .short: self = .short
        case .recovered: self = .recovered
        }
    }
}

extension Components.Schemas.CapacitySignalSource {
    init(_ source: SwitchyardCore.CapacitySignalSource) {
        switch source {
        case .karpenterEvent: self = .karpenterEvent
        case .pendingPods: self = .pendingPods
        case .prometheus: self = .prometheus
        case .operator: self = ._operator
        case .replay: self = .replay
        }
    }
}

extension Components.Schemas.TransitionReason {
    init(_ reason: SwitchyardCore.TransitionReason) {
        switch reason {
        case .initial: self = .initial
        case .poolShort: self = .poolShort
        case .shortPoolsChanged: self = .shortPoolsChanged
        case .poolsRecovered: self = .poolsRecovered
        case .pinned: self = .pinned
        case .unpinned: self = .unpinned
        }
    }
}

extension Components.Schemas.ModelRouting {
    /// Configurations by their code (`optimal-without:POOL,...`), as a pin is requested.
    init(_ routing: SwitchyardCore.ModelRouting) {
        self.init(
            model: routing.model, configuration: routing.configuration.code, since: routing.since,
            reason: .init(routing.reason), detail: routing.detail, evidence: routing.evidence.map { .init($0) },
            pin: routing.pin?.code, lastSwitchAt: routing.lastSwitchAt)
    }
}

extension Components.Schemas.FailoverOverview {
    init(_ status: FailoverStatus, adaptive: [String: SwitchyardCore.AdaptiveModelState]) throws {
        self.init(
            leader: status.leader, pendingSignals: status.pendingSignals,
            settings: .init(
                holdTimeSeconds: status.settings.holdTimeSeconds, minimumDwellSeconds: status.settings.minimumDwellSeconds),
            models: status.models.map { .init($0) }, pools: try status.pools.map { try .init($0) },
            observers: status.observers.map { .init($0) },
            adaptive: .init(additionalProperties: adaptive.mapValues { .init($0) }),
            nodeWarnings: status.nodeWarnings.map { .init($0) })
    }
}

extension Components.Schemas.NodeWarning {
    init(_ warning: SwitchyardCore.NodeWarning) {
        self.init(
            node: warning.node, pool: warning.pool, capacityType: warning.capacityType.map { .init($0) },
            instanceType: warning.instanceType, reason: warning.reason, observedAt: warning.observedAt,
            expiresAt: warning.expiresAt, evidence: warning.evidence,
            units: warning.units.map { .init(unit: $0.unit, pods: $0.pods, readyReplicas: $0.readyReplicas) })
    }
}

extension Components.Schemas.FailoverModelState {
    init(_ model: FailoverStatus.Model) {
        self.init(
            model: model.model, configuration: model.configuration, strategy: .init(model.strategy),
            excludedPools: model.excludedPools, since: model.since, reason: .init(model.reason), detail: model.detail,
            evidence: model.evidence.map { .init($0) }, pin: model.pin, failoverTarget: .init(model.failoverTarget),
            costPools: model.costPools)
    }
}

extension Components.Schemas.FailoverTarget {
    init(_ target: SwitchyardCore.FailoverTarget) {
        switch target {
        case .capacity: self = .capacity
        case .optimalWithoutShortPools: self = .optimalWithoutShortPools
        }
    }
}

extension Components.Schemas.StrategyKind {
    init(_ strategy: SwitchyardCore.StrategyKind) {
        switch strategy {
        case .cost: self = .cost
        case .capacity: self = .capacity
        case .optimal: self = .optimal
        }
    }
}

extension Components.Schemas.FailoverPoolState {
    init(_ pool: FailoverStatus.Pool) throws {
        guard let state = StatePayload(rawValue: pool.state) else {
            throw SchemaMismatch(detail: "pool \(pool.pool) has the unknown state \(pool.state)")
        }
        self.init(
            pool: pool.pool, state: state, since: pool.since, healthyAt: pool.healthyAt,
            latestEvidence: pool.latestEvidence.map { .init($0) })
    }
}

extension Components.Schemas.ObserverState {
    init(_ entry: ObserverHealth.Entry) {
        let state: StatePayload =
            switch entry.state {
            case .starting: .starting
            case .watching: .watching
            case .retrying: .retrying
            }
        self.init(
            observer: entry.observer, state: state, since: entry.since, lastSignalAt: entry.lastSignalAt,
            lastError: entry.lastError, restarts: entry.restarts)
    }
}

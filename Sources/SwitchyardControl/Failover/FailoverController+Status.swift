import Foundation
import SwitchyardCore

extension FailoverController {
    /// The state as `GET /v1/failover` shows it, with pending signals already folded into pool health.
    public func status() async throws -> FailoverStatus {
        let fleet = try await database.fleetSnapshot()
        let effective = effectiveSettings(for: fleet)
        let machine = FailoverStateMachine(settings: effective)
        let pending = try await database.pendingCapacitySignals()
        let state = machine.apply(pending.map(\.signal), to: try await database.failoverState())
        let costPools = costPools(of: fleet)

        let modelNames = Set(fleet.models.map(\.name)).union(state.models.keys).sorted()
        let models = modelNames.map { name in
            let routing = state.routing(of: name)
            return FailoverStatus.Model(
                model: name, configuration: routing.configuration.description, strategy: routing.configuration.strategy,
                excludedPools: routing.configuration.excludedPools, since: routing.since, reason: routing.reason,
                detail: routing.detail, evidence: routing.evidence, pin: routing.pin?.description,
                failoverTarget: effective.target(for: name), costPools: (costPools[name] ?? []).sorted())
        }
        let poolNames = Set(fleet.pools.map(\.name)).union(state.pools.keys).union(state.latestSignals.keys).sorted()
        let pools = poolNames.map { name in
            let health = state.health(of: name)
            let (label, since, healthyAt): (String, Date?, Date?) = switch health {
            case .healthy: ("healthy", nil, nil)
            case .short(let since, _, _): ("short", since, nil)
            case .recovering(let healthySince, _): ("recovering", healthySince, healthySince.addingTimeInterval(effective.holdTime))
            }
            return FailoverStatus.Pool(
                pool: name, state: label, since: since, healthyAt: healthyAt,
                latestEvidence: state.latestSignals[name] ?? health.evidence)
        }
        return FailoverStatus(
            leader: await leadership.isLeader, pendingSignals: pending.count,
            settings: .init(holdTimeSeconds: effective.holdTime, minimumDwellSeconds: effective.minimumDwell),
            models: models, pools: pools, observers: observerHealth.snapshot(), nodeWarnings: warnings.inForce().warnings)
    }
}

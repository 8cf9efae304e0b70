import Foundation
import SwitchyardCore
import SwitchyardStore

extension FailoverController {
    /// Karpenter's event reason for a spot reclaim warning.
    static let spotReclaimReason = "SpotInterrupted"

    /// Posts a node warning: its units' share of traffic moves to the other units and they ask for replacements at
    /// the next pass, which this wakes at once; the warning is audited with its evidence. When it expires, the next
    /// pass pushes the models again with their own weights. A replica without the lease leaves it to the leader,
    /// whose own observer sees the same event.
    public func warn(_ warning: NodeWarning, context: ChangeContext) async throws {
        guard await leadership.isLeader else { return }
        let fleet = try await database.fleetSnapshot()
        let warnedUnits = Set(warning.units.map(\.unit))
        let models = Set(fleet.units.filter { warnedUnits.contains($0.name) }.map(\.model))
        warnings.post(warning)
        if warning.reason == Self.spotReclaimReason, warning.capacityType == .spot,
           let instanceType = warning.instanceType
            ?? fleet.units.first(where: { warnedUnits.contains($0.name) })?.instanceType
        {
            // A reclaim counts toward the pool's learned interruption rate; a rebalance recommendation does not.
            try await database.countSpotInterruption(
                pool: warning.pool, family: SpotObservation.family(ofInstanceType: instanceType))
        }
        for model in models { warnedModels[model] = max(warnedModels[model] ?? warning.expiresAt, warning.expiresAt) }
        unpushedModels.formUnion(models)
        let units = warning.units.map { "\($0.unit) (\($0.pods) of \($0.readyReplicas) ready)" }.joined(separator: ", ")
        _ = try await database.record(try AuditEntry(
            actor: context.actor, action: .report, kind: .nodeWarning, name: warning.node, after: warning,
            requestID: context.requestID,
            reason: "\(warning.reason) on \(warning.node) in pool \(warning.pool): the share of \(units) moves to "
                + "the other units until \(warning.expiresAt.formatted(.iso8601))"))
        logger.notice("node warning", metadata: [
            "node": "\(warning.node)", "pool": "\(warning.pool)", "reason": "\(warning.reason)", "units": "\(units)",
        ])
        wakeupContinuation.yield()
    }

    /// Models whose last node warning has expired by `now`; they are pushed again with their own weights.
    func expiredWarnings(at now: Date) -> Set<String> {
        let expired = warnedModels.filter { $0.value <= now }
        for model in expired.keys { warnedModels[model] = nil }
        return Set(expired.keys)
    }
}

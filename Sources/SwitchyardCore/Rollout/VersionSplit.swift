/// Combines a model's per-version plans into the one weight set its router carries: the version split first
/// (the canary's percentage of the weight total, at least one weight unit while its share is above 0 and the
/// stable version keeping at least one below 100 %), then each version's own split (its plan's weights,
/// apportioned within the version's part). Pure.
///
/// Within the router's limits: the weights add up to the plans' weight total (at most the router's largest
/// weight), and the backends are at most the router's maximum, shared between the versions in proportion to their
/// shares, each version with traffic keeping at least one; the versions' best units are kept, the others
/// excluded as `overTargetGroupLimit`.
public struct VersionSplit: Sendable {
    public let limits: RouterLimits

    public init(limits: RouterLimits) {
        self.limits = limits
    }

    /// - Parameters:
    ///   - stable: the plan over the stable version's units.
    ///   - canary: the plan over the target version's units.
    ///   - percent: the canary's share, 0...100.
    ///   - versions: the two versions' names, for notes and reasons.
    public func combine(stable: RoutingPlan, canary: RoutingPlan, percent: Int, versions: VersionRouting) -> RoutingPlan {
        let percent = min(max(percent, 0), 100)
        let stableName = versions.stable ?? "unversioned", canaryName = versions.canary ?? "unversioned"
        let total = min(max(stable.weightTotal, canary.weightTotal), limits.maxWeight)
        var notes = stable.notes + canary.notes.map { "\(canaryName): \($0)" }
        let stableLive = stable.entries.filter { $0.weight > 0 }, canaryLive = canary.entries.filter { $0.weight > 0 }

        var canaryTotal = 0
        if percent > 0, !canaryLive.isEmpty, total > 0 {
            if percent == 100 || stableLive.isEmpty {
                canaryTotal = total
            } else {
                let share = Int((Double(total) * Double(percent) / 100).rounded())
                canaryTotal = min(max(share, 1), max(total - 1, 1))
            }
        }
        if percent > 0, canaryLive.isEmpty {
            notes.append("rollout: no unit of \(canaryName) qualifies for traffic; \(stableName) carries it all")
        }
        if percent < 100, stableLive.isEmpty, !canaryLive.isEmpty, percent > 0 {
            notes.append("rollout: no unit of \(stableName) qualifies for traffic; \(canaryName) carries it all")
        }
        let stableTotal = total - canaryTotal

        // Backend slots in proportion to the shares, each version with weight keeping one, unused ones given back.
        let wantCanary = canaryTotal > 0 ? canaryLive.count : 0
        let wantStable = stableTotal > 0 ? stableLive.count : 0
        let slots = limits.maxBackends
        var canarySlots = wantCanary == 0 ? 0 : min(wantCanary, max(1, Int((Double(slots) * Double(percent) / 100).rounded())))
        var stableSlots = min(wantStable, slots - canarySlots)
        if wantStable > 0, stableSlots == 0, canarySlots > 1 {
            canarySlots -= 1
            stableSlots = 1
        }
        canarySlots = min(wantCanary, slots - stableSlots)

        var excluded = stable.excluded + canary.excluded
        func part(_ live: [PlanEntry], keep: Int, total: Int, version: String, share: Int) -> [PlanEntry] {
            let kept = Array(live.prefix(keep))
            for dropped in live.dropFirst(keep) {
                excluded.append(ExcludedUnit(
                    unit: dropped.unit, reason: .overTargetGroupLimit,
                    detail: "\(limits.holder) takes at most \(limits.maxBackends) \(limits.backends); they go to the versions' best units"))
            }
            let weights = WeightApportioner(maxTotal: limits.maxWeight).apportion(kept.map { Double($0.weight) }, total: total)
            // The plan's expected rps were shares of all the demand; the version now takes its part of it.
            let fraction = Double(total) / Double(max(live.map(\.weight).reduce(0, +), 1))
            return zip(kept, weights).map { entry, weight in
                var entry = entry
                entry.expectedRPS *= fraction
                entry.weight = weight
                entry.reasons.append("version \(version): \(share) % of the model's traffic")
                return entry
            }
        }
        var entries = part(canaryLive, keep: canarySlots, total: canaryTotal, version: canaryName, share: percent)
            + part(stableLive, keep: stableSlots, total: stableTotal, version: stableName, share: 100 - percent)
        // Units at weight 0 stay listed while the router has room, as the strategies list them.
        let idle = (canaryTotal > 0 ? [] : canaryLive) + (stableTotal > 0 ? [] : stableLive)
            + canary.entries.filter { $0.weight == 0 } + stable.entries.filter { $0.weight == 0 }
        for entry in idle {
            if entries.count < slots {
                var entry = entry
                entry.weight = 0
                entry.expectedRPS = 0
                entries.append(entry)
            } else {
                excluded.append(ExcludedUnit(
                    unit: entry.unit, reason: .overTargetGroupLimit,
                    detail: "\(limits.holder) takes at most \(limits.maxBackends) \(limits.backends)"))
            }
        }
        entries.sort { lhs, rhs in lhs.weight != rhs.weight ? lhs.weight > rhs.weight : lhs.unit < rhs.unit }
        notes.append("rollout: \(canaryName) takes \(percent) % (\(canaryTotal) of \(total)), \(stableName) \(stableTotal)")
        let weighted = entries.contains { $0.weight > 0 }
        let capacity = entries.filter { $0.weight > 0 }.map(\.breakingPointRPS).reduce(0, +)
        return RoutingPlan(
            model: stable.model, strategy: stable.strategy, demandRPS: stable.demandRPS ?? canary.demandRPS,
            headroom: stable.headroom, weightTotal: weighted ? total : 0, entries: entries, excluded: excluded,
            totals: PlanTotals(
                capacityRPS: capacity, hourlyCostUSD: stable.totals.hourlyCostUSD + canary.totals.hourlyCostUSD,
                servedRPS: stable.totals.servedRPS, unservedRPS: stable.totals.unservedRPS),
            notes: notes)
    }
}

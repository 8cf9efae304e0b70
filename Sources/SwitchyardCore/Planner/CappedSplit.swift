/// Splits demand by a strategy's scores when some units cannot grow: a unit in a short pool takes at most
/// what its running replicas carry, and what it cannot take goes to the others in proportion to their
/// scores (water-filling: capping one unit can push another over its cap, so caps are applied until none
/// is exceeded).
///
/// Weights keep the cap too: shares are rounded by largest remainder, but a capped unit never gets more
/// than the largest weight whose share of demand fits its running capacity; what that trims goes to the
/// units that can grow. Only when every unit that could take traffic is capped and their running capacity
/// is below demand does a capped unit get more than it carries, in proportion to its capacity, because
/// the traffic has nowhere else to go (`overflowRPS` says how much).
struct CappedSplit: Sendable, Equatable {
    /// Requests per second per unit, in the scores' order.
    var sharesRPS: [Double]
    /// Integer weights adding up to the total (all 0 when no score is positive).
    var weights: [Int]
    /// Which units had their share cut to their running capacity.
    var atCap: [Bool]
    /// Demand above the running capacity when every unit that could take it is capped; 0 otherwise.
    var overflowRPS: Double

    /// - Parameters:
    ///   - scores: the strategy's scores, best first (non-positive or non-finite count as 0).
    ///   - caps: per unit, its running capacity in rps, or nil when it can grow.
    ///   - demandRPS: what is split; at 0 or below no cap can bind and weights follow the scores.
    ///   - total: what the weights add up to.
    ///   - maxWeight: the router's largest weight.
    init(scores: [Double], caps: [Double?], demandRPS: Double, total: Int, maxWeight: Int = RouterLimits.alb.maxWeight) {
        let clean = scores.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        let apportioner = WeightApportioner(maxTotal: maxWeight)
        guard demandRPS.isFinite, demandRPS > 0, caps.contains(where: { $0 != nil }) else {
            weights = apportioner.apportion(clean, total: total)
            let sum = weights.reduce(0, +)
            let demand = demandRPS.isFinite ? max(demandRPS, 0) : 0
            sharesRPS = weights.map { sum > 0 ? demand * Double($0) / Double(sum) : 0 }
            atCap = clean.map { _ in false }
            overflowRPS = 0
            return
        }
        var shares = clean.map { _ in 0.0 }
        var capped = clean.map { _ in false }
        while true {
            let free = clean.indices.filter { !capped[$0] && clean[$0] > 0 }
            let remaining = demandRPS - capped.indices.filter { capped[$0] }.reduce(0) { $0 + shares[$1] }
            guard !free.isEmpty, remaining > 0 else {
                for index in free { shares[index] = 0 }
                break
            }
            let sum = free.reduce(0) { $0 + clean[$1] }
            for index in free { shares[index] = remaining * clean[index] / sum }
            let over = free.filter { index in caps[index].map { shares[index] > $0 } ?? false }
            if over.isEmpty { break }
            for index in over {
                shares[index] = caps[index] ?? shares[index]
                capped[index] = true
            }
        }
        sharesRPS = shares
        atCap = capped
        let growing = clean.indices.filter { caps[$0] == nil && shares[$0] > 0 }
        // Units that can grow take whatever is left, so only an all-capped split can overflow.
        overflowRPS = growing.isEmpty ? max(0, demandRPS - shares.reduce(0, +)) : 0
        guard !growing.isEmpty else {
            // Every unit left is capped: split by what each carries, the overflow included.
            weights = apportioner.apportion(shares, total: total)
            return
        }
        // Largest remainder over every share, then any capped unit rounded above what fits gives the
        // excess back to the units that can grow.
        var result = apportioner.apportion(shares, total: total)
        let scale = Double(total) / demandRPS
        var trimmed = false
        for index in clean.indices {
            guard let cap = caps[index] else { continue }
            let quota = cap * scale + 1e-9
            let fitting = quota >= Double(total) ? total : max(0, Int(saturating: quota.rounded(.down)))
            if result[index] > fitting {
                result[index] = fitting
                trimmed = true
            }
        }
        if trimmed {
            let kept = clean.indices.filter { caps[$0] != nil }.reduce(0) { $0 + result[$1] }
            let rest = apportioner.apportion(growing.map { shares[$0] }, total: max(0, total - kept))
            for (index, weight) in zip(growing, rest) { result[index] = weight }
        }
        weights = result
    }
}

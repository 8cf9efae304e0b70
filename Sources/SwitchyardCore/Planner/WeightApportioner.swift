/// Turns scores into the integer weights a router accepts.
public struct WeightApportioner: Sendable {
    /// The largest total, and so the largest weight: the router's `RouterLimits.maxWeight`.
    public let maxTotal: Int

    public init(maxTotal: Int = RouterLimits.alb.maxWeight) {
        self.maxTotal = max(maxTotal, 0)
    }

    /// Weights proportional to `scores`, rounded by largest remainder so they add up to exactly `total`.
    ///
    /// `scores` are in best-first order; equal remainders go to the earlier (better) score, so the result
    /// is deterministic and never ranks a better score below a worse one. Negative or non-finite scores
    /// count as 0; when no score is positive every weight is 0. `total` is clamped to 0...`maxTotal`, so
    /// every weight is too.
    public func apportion(_ scores: [Double], total: Int) -> [Int] {
        let total = min(max(total, 0), maxTotal)
        let clean = scores.map { $0.isFinite && $0 > 0 ? $0 : 0 }
        let sum = clean.reduce(0, +)
        guard sum > 0, sum.isFinite, total > 0 else { return Array(repeating: 0, count: scores.count) }
        let quotas = clean.map { $0 / sum * Double(total) }
        var weights = quotas.map { Int(saturating: $0.rounded(.down)) }
        var left = total - weights.reduce(0, +)
        let byRemainder = quotas.indices
            .filter { clean[$0] > 0 }
            .sorted { lhs, rhs in
                let a = quotas[lhs] - Double(weights[lhs]), b = quotas[rhs] - Double(weights[rhs])
                return a != b ? a > b : lhs < rhs
            }
        // Floors never exceed their quotas, so only a shortfall is possible; rounding error may make it
        // exceed the count of scores, hence the wrap-around.
        var cursor = 0
        while left > 0, !byRemainder.isEmpty {
            weights[byRemainder[cursor % byRemainder.count]] += 1
            left -= 1
            cursor += 1
        }
        return weights
    }
}

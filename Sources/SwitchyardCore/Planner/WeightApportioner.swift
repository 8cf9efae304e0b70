/// Turns scores into the integer weights an ALB forward action accepts.
public struct WeightApportioner: Sendable {
    /// An ALB forward action takes at most this many target groups.
    public static let maxTargetGroups = 5
    /// An ALB target group weight is 0...999.
    public static let weightRange = 0...999

    public init() {}

    /// Weights proportional to `scores`, rounded by largest remainder so they add up to exactly `total`.
    ///
    /// `scores` are in best-first order; equal remainders go to the earlier (better) score, so the result
    /// is deterministic and never ranks a better score below a worse one. Negative or non-finite scores
    /// count as 0; when no score is positive every weight is 0. `total` is clamped to 0...999, so every
    /// weight is too.
    public func apportion(_ scores: [Double], total: Int) -> [Int] {
        let total = min(max(total, Self.weightRange.lowerBound), Self.weightRange.upperBound)
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

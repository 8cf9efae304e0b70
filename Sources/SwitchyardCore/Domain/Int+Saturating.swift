extension Int {
    /// `value` truncated toward zero like `Int(_:)`, but never trapping: NaN becomes 0 and anything beyond
    /// ±2^53 (where doubles stop counting whole numbers) is held at ±2^53. Every conversion of a computed
    /// double in the core goes through here, so no stored value can bring the process down.
    public init(saturating value: Double) {
        guard !value.isNaN else {
            self = 0
            return
        }
        let bound = 9_007_199_254_740_992.0
        self.init(Swift.min(Swift.max(value, -bound), bound))
    }
}

extension Int64 {
    /// As ``Swift/Int/init(saturating:)``.
    public init(saturating value: Double) {
        self.init(Int(saturating: value))
    }
}

/// Fixed-point rendering of numbers for explanations and reasons, without locale or Foundation formatting.
enum DecimalText {
    /// `value` rounded to `places` decimals with trailing zeros trimmed: 89.2, 105, 0.0021.
    static func format(_ value: Double, places: Int = 2) -> String {
        guard value.isFinite else { return "\(value)" }
        let places = max(0, min(places, 9))
        var scale = 1
        for _ in 0..<places { scale *= 10 }
        let scaled = (abs(value) * Double(scale)).rounded()
        // Beyond 2^53 the integer split loses meaning; Swift's shortest representation is exact enough.
        guard scaled < 9.0e15 else { return "\(value)" }
        let units = Int(scaled)
        let whole = units / scale
        var fraction = units % scale
        var digits = places
        while digits > 0, fraction % 10 == 0 {
            fraction /= 10
            digits -= 1
        }
        let sign = value < 0 && units != 0 ? "-" : ""
        guard digits > 0 else { return "\(sign)\(whole)" }
        let fractionText = String(fraction)
        let padding = String(repeating: "0", count: digits - fractionText.count)
        return "\(sign)\(whole).\(padding)\(fractionText)"
    }

    /// US dollars with four decimals, enough to tell costs per 1,000 inferences apart.
    static func usd(_ value: Double) -> String {
        "$\(format(value, places: 4))"
    }
}

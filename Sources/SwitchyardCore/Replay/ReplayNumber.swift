import Foundation

/// Deterministic number formatting for reports, CSV and SVG: the same value always prints the same.
enum ReplayNumber {
    /// `value` rounded to `decimals` places, without a trailing `.0`.
    static func text(_ value: Double, decimals: Int = 3) -> String {
        guard value.isFinite else { return "0" }
        let scale = pow(10, Double(decimals))
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(saturating: rounded)) }
        return String(format: "%.\(decimals)f", rounded)
            .replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
    }

    /// `value` rounded to `decimals` places, for values stored in a report.
    static func rounded(_ value: Double, decimals: Int = 3) -> Double {
        guard value.isFinite else { return 0 }
        let scale = pow(10, Double(decimals))
        return (value * scale).rounded() / scale
    }

    /// A whole count with thousands separators, e.g. `4,996,334`.
    static func count(_ value: Double) -> String {
        let whole = Int64(saturating: value.rounded())
        let digits = String(abs(whole))
        var grouped = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return (whole < 0 ? "-" : "") + String(grouped.reversed())
    }

    /// US dollars with cents and thousands separators, e.g. `$1,234.56`.
    static func usd(_ value: Double) -> String {
        let cents = Int64(saturating: (value * 100).rounded())
        let whole = String(cents / 100)
        var grouped = ""
        for (index, character) in whole.reversed().enumerated() {
            if index > 0, index % 3 == 0 { grouped.append(",") }
            grouped.append(character)
        }
        return "$" + String(grouped.reversed()) + "." + String(format: "%02lld", cents % 100)
    }
}

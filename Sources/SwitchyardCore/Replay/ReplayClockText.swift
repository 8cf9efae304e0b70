/// Replay times as people read them: `d1 10:00` is 10:00 on the first simulated day.
enum ReplayClockText {
    static func text(_ seconds: Double) -> String {
        let whole = Int(saturating: seconds.rounded(.down))
        let day = whole / 86_400 + 1
        let minutes = (whole % 86_400) / 60
        return "d\(day) " + pad(minutes / 60) + ":" + pad(minutes % 60)
    }

    /// A duration such as `40 s`, `5 min`, `1 h 30 min`.
    static func duration(_ seconds: Double) -> String {
        let whole = Int(saturating: seconds.rounded())
        if whole < 120 { return "\(whole) s" }
        let minutes = whole / 60
        if minutes < 120 { return "\(minutes) min" }
        return "\(minutes / 60) h \(minutes % 60) min"
    }

    private static func pad(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}

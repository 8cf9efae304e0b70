import Foundation

/// The bounds a demand sample must keep to be stored, judged against a time given by the caller.
extension DemandSample {
    /// The highest rate accepted, rps: well above any fleet, low enough to catch a unit slip (e.g. per hour).
    public static let maximumRPS = 10_000_000.0
    /// How far ahead of the receiver's clock a sample may be, seconds: clocks drift, reports do not come from the future.
    public static let maximumLeadSeconds: TimeInterval = 300
    /// Where samples come from; the store keeps no other.
    public static let sources: Set<String> = ["prometheus", "cloudwatch", "operator", "replay"]

    /// Every rule the sample breaks at `now`, naming the field: a finite rate within 0...``maximumRPS``, a time
    /// at most ``maximumLeadSeconds`` ahead of `now` and, with a retention, no older than `now - retention`
    /// (it would be pruned at once), and a known source. Whether the model exists is the store's to say.
    public func violations(at now: Date, retentionSeconds: TimeInterval? = nil) -> [FieldViolation] {
        var violations: [FieldViolation] = []
        if !rps.isFinite {
            violations.append(FieldViolation(field: "rps", message: "must be a finite number"))
        } else if rps < 0 || rps > Self.maximumRPS {
            violations.append(FieldViolation(
                field: "rps", message: "must be within 0...\(DecimalText.format(Self.maximumRPS)), got \(DecimalText.format(rps))"))
        }
        let lead = observedAt.timeIntervalSince(now)
        if !lead.isFinite || lead > Self.maximumLeadSeconds {
            violations.append(FieldViolation(
                field: "observedAt",
                message: "must be at most \(DecimalText.format(Self.maximumLeadSeconds)) s ahead of the server's clock"))
        } else if let retentionSeconds, -lead > retentionSeconds {
            violations.append(FieldViolation(
                field: "observedAt",
                message: "must be within the last \(DecimalText.format(retentionSeconds)) s (the retention of demand samples)"))
        }
        if !Self.sources.contains(source) {
            violations.append(FieldViolation(
                field: "source", message: "must be one of \(Self.sources.sorted().joined(separator: ", "))"))
        }
        return violations
    }
}

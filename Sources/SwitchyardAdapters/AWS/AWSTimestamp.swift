import Foundation

/// Timestamps as the AWS Query protocol writes them: ISO 8601 in UTC (`2025-01-01T12:00:00Z`), with or without
/// fractional seconds.
enum AWSTimestamp {
    /// Reads `2025-01-01T12:00:00Z` or `2025-01-01T12:00:00.000Z`; nil for anything else.
    static func parse(_ text: String) -> Date? {
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }

    /// Writes whole seconds in UTC, e.g. `2025-01-01T12:00:00Z` (fractions are dropped).
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter.string(from: Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
    }
}

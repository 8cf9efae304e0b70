import Foundation

/// The `Retry-After` response header (RFC 9110 §10.2.3): either a number of seconds or an HTTP date.
public enum RetryAfter {
    /// The wait a `Retry-After` value asks for, measured from `now`.
    ///
    /// Returns nil for a missing or unreadable value; a date in the past means no wait (zero).
    public static func delay(fromHeader value: String?, now: Date) -> Duration? {
        guard let trimmed = value?.trimmingCharacters(in: .whitespaces), !trimmed.isEmpty else { return nil }
        if let seconds = Int(trimmed) {
            return seconds >= 0 ? .seconds(seconds) : nil
        }
        guard let date = httpDate(trimmed) else { return nil }
        let interval = date.timeIntervalSince(now)
        return interval > 0 ? .milliseconds(Int64((interval * 1000).rounded(.up))) : .zero
    }

    /// Parses the three date forms HTTP allows (IMF-fixdate, obsolete RFC 850, asctime).
    static func httpDate(_ text: String) -> Date? {
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = TimeZone(identifier: "GMT")
            formatter.dateFormat = format
            if let date = formatter.date(from: text) { return date }
        }
        return nil
    }
}

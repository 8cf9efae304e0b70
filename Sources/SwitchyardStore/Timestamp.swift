import Foundation

/// Times as the database stores them: UTC RFC 3339 with milliseconds (`2025-01-31T12:00:00.000Z`),
/// fixed width so that text order is time order. Every Date the store returns has passed through
/// this text, so a value read back equals the value returned by the write.
enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    static func text(_ date: Date) -> String {
        style.format(date)
    }

    static func date(_ text: String) throws -> Date {
        do {
            return try style.parse(text)
        } catch {
            throw StoredDataError.malformed(column: "timestamp", value: text)
        }
    }

    /// Truncates a clock reading to what the database keeps.
    static func normalized(_ date: Date) -> (text: String, date: Date) {
        let text = text(date)
        return (text, (try? Self.date(text)) ?? date)
    }
}

/// Data in the database that does not decode: a sign of tampering or of a bug, never of bad input.
enum StoredDataError: Error, Sendable, CustomStringConvertible {
    case malformed(column: String, value: String)

    var description: String {
        switch self {
        case .malformed(let column, let value): "stored \(column) is malformed: \(value)"
        }
    }
}

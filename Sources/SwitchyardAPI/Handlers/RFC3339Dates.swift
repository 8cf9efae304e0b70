internal import Foundation
internal import OpenAPIRuntime

/// Reads RFC 3339 date-times in parameters and bodies with or without fractional seconds
/// (`2026-11-30T07:00:00Z`, `2026-11-30T07:00:00.5Z`), as RFC 3339 allows; writes them without.
struct RFC3339Dates: DateTranscoder {
    private static let whole = Date.ISO8601FormatStyle()
    private static let fractional = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    func encode(_ date: Date) throws -> String {
        Self.whole.format(date)
    }

    func decode(_ text: String) throws -> Date {
        if let date = try? Self.whole.parse(text) { return date }
        if let date = try? Self.fractional.parse(text) { return date }
        throw DecodingError.dataCorrupted(.init(codingPath: [], debugDescription: "\(text) is not an RFC 3339 date-time"))
    }

    /// The same reading for `JSONDecoder`.
    static let decodingStrategy = JSONDecoder.DateDecodingStrategy.custom { decoder in
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            return try RFC3339Dates().decode(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "\(text) is not an RFC 3339 date-time")
        }
    }
}

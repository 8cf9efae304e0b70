import Foundation

/// Renders a replay report as compact JSON with sorted keys, so the same report is the same bytes.
public struct ReplayJSONRenderer: Sendable {
    public init() {}

    public func render(_ report: ReplayReport) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Every field is a plain value; encoding cannot fail, but an empty object beats a crash.
        guard let data = try? encoder.encode(report) else { return "{}" }
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}

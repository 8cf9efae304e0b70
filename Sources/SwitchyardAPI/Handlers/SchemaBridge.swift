internal import Foundation

/// Moves values between the generated OpenAPI types and the domain types. Both describe the same JSON,
/// so a value crosses by being encoded as one and decoded as the other; a test holds the two shapes together.
enum SchemaBridge {
    static func convert<Target: Decodable>(_ value: some Encodable, to type: Target.Type = Target.self) throws -> Target {
        try decoder.decode(Target.self, from: try encoder.encode(value))
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = RFC3339Dates.decodingStrategy
        return decoder
    }()
}

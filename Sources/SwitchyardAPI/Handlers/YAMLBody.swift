internal import Foundation
internal import OpenAPIRuntime
import Yams

/// Request bodies sent as `application/yaml` arrive raw; they are read (within the size limit) and decoded
/// straight into the domain type, which applies the same defaults as the JSON path.
enum YAMLBody {
    static func decode<Value: Decodable>(_ type: Value.Type, from body: HTTPBody, maxBytes: Int) async throws -> Value {
        let data = try await collect(body, maxBytes: maxBytes)
        guard let text = String(data: data, encoding: .utf8) else {
            throw APIError.malformedBody(field: nil, detail: "The YAML body is not UTF-8.")
        }
        return try YAMLDecoder().decode(Value.self, from: text)
    }

    static func collect(_ body: HTTPBody, maxBytes: Int) async throws -> Data {
        var data = Data()
        for try await chunk in body {
            guard data.count + chunk.count <= maxBytes else { throw APIError.contentTooLarge(limit: maxBytes) }
            data.append(contentsOf: chunk)
        }
        return data
    }

    static func encode(_ value: some Encodable) throws -> String {
        try YAMLEncoder().encode(value)
    }
}

internal import Foundation
internal import OpenAPIRuntime
import SwitchyardCore
import Yams

/// Request bodies sent as `application/yaml` arrive raw. They are read (within the size limit), turned into the
/// JSON they stand for with the YAML 1.2 core schema (`null`, `true`, `12`, `1.5` are typed; quoted scalars and
/// everything else are strings), and decoded through the generated schema type, exactly as a JSON body is: the
/// same types, the same unknown-field refusal, then the same defaults of the domain type.
enum YAMLBody {
    /// The most nodes one document may expand to, aliases included, so a few bytes of anchors cannot grow
    /// into gigabytes.
    static let maxNodes = 1_000_000

    static func decode<Item: Decodable>(_ type: Item.Type, from body: HTTPBody, maxBytes: Int) async throws -> Item {
        let data = try await collect(body, maxBytes: maxBytes)
        guard let text = String(data: data, encoding: .utf8) else {
            throw APIError.malformedBody(field: nil, detail: "The YAML body is not UTF-8.")
        }
        let json = try json(fromYAML: text)
        if let field = NullFields.first(in: json) { throw NullFields.refusal(field) }
        return try decoder.decode(Item.self, from: Data(json.jsonText(pretty: false).utf8))
    }

    /// Reads date-times as the generated server reads them in JSON bodies.
    private static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = RFC3339Dates.decodingStrategy
        return decoder
    }()

    /// The JSON tree a YAML document stands for; an empty document is `null`.
    static func json(fromYAML text: String) throws -> JSONValue {
        guard let node = try Yams.compose(yaml: text) else { return .null }
        var budget = maxNodes
        return try value(of: node, budget: &budget)
    }

    static func collect(_ body: HTTPBody, maxBytes: Int) async throws -> Data {
        var data = Data()
        for try await chunk in body {
            guard data.count + chunk.count <= maxBytes else { throw APIError.contentTooLarge(limit: maxBytes) }
            data.append(contentsOf: chunk)
        }
        return data
    }

    /// A document as YAML a person would write: numbers in their shortest plain form (`900`, not `9e+2`).
    static func encode(_ value: some Encodable) throws -> String {
        try ManifestSerializer.yaml(document: value)
    }

    private static func value(of node: Node, budget: inout Int) throws -> JSONValue {
        budget -= 1
        guard budget >= 0 else {
            throw APIError.malformedBody(field: nil, detail: "The YAML body expands to more than \(maxNodes) values.")
        }
        switch node {
        case .scalar(let scalar):
            return scalar.style == .plain || scalar.style == .any ? plain(scalar.string) : .string(scalar.string)
        case .sequence(let sequence):
            var elements: [JSONValue] = []
            for element in sequence { elements.append(try value(of: element, budget: &budget)) }
            return .array(elements)
        case .mapping(let mapping):
            var members: [JSONValue.Member] = []
            for (key, element) in mapping {
                guard case .scalar(let name) = key else {
                    throw APIError.malformedBody(field: nil, detail: "A YAML mapping key is not a scalar.")
                }
                members.append(.init(name.string, try value(of: element, budget: &budget)))
            }
            return .object(members)
        case .alias:
            throw APIError.malformedBody(field: nil, detail: "A YAML alias does not resolve.")
        }
    }

    /// A plain scalar by the YAML 1.2 core schema.
    private static func plain(_ text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        case ".inf", ".Inf", ".INF", "+.inf", "+.Inf", "+.INF": return .number(.infinity)
        case "-.inf", "-.Inf", "-.INF": return .number(-.infinity)
        case ".nan", ".NaN", ".NAN": return .number(.nan)
        default: break
        }
        let bytes = Array(text.utf8)
        let digits = bytes.drop { $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "+") }
        if bytes.count - digits.count <= 1, !digits.isEmpty, digits.allSatisfy({ (48...57).contains($0) }) {
            if let integer = Int(text) { return .integer(integer) }
            return .number(Double(text) ?? .nan)
        }
        if text.hasPrefix("0x"), let integer = Int(text.dropFirst(2), radix: 16) { return .integer(integer) }
        if text.hasPrefix("0o"), let integer = Int(text.dropFirst(2), radix: 8) { return .integer(integer) }
        if isCoreFloat(bytes), let number = Double(text) { return .number(number) }
        return .string(text)
    }

    /// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?`
    private static func isCoreFloat(_ bytes: [UInt8]) -> Bool {
        var index = 0
        func digitRun() -> Int {
            let start = index
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
            return index - start
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
        let whole = digitRun()
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            index += 1
            let fraction = digitRun()
            if whole == 0 && fraction == 0 { return false }
        } else if whole == 0 {
            return false
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "e") || bytes[index] == UInt8(ascii: "E") {
            index += 1
            if index < bytes.count, bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+") { index += 1 }
            if digitRun() == 0 { return false }
        }
        return index == bytes.count
    }
}

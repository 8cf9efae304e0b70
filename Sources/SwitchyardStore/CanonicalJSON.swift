import Crypto
import Foundation

/// The one JSON serialisation used for entity tags, audit before/after and the audit hash chain:
/// sorted keys and unescaped slashes, so equal values always give equal bytes.
enum CanonicalJSON {
    static func data<Value: Encodable>(_ value: Value) throws -> Data {
        try encoder().encode(value)
    }

    /// An encoder that writes the canonical form.
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.text(date))
        }
        return encoder
    }

    static func text<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try data(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }

    /// A strong entity tag: the first 16 hex digits of the SHA-256 of the canonical JSON, quoted.
    static func etag<Value: Encodable>(_ value: Value) throws -> String {
        "\"" + String(sha256Hex(try data(value)).prefix(16)) + "\""
    }

    static func sha256Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hex of some bytes, two digits each (on every read, write and authentication: no formatter).
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(64)
        for byte in bytes {
            digits.append(hexDigits[Int(byte >> 4)])
            digits.append(hexDigits[Int(byte & 0x0F)])
        }
        return String(decoding: digits, as: UTF8.self)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

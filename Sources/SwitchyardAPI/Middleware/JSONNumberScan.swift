/// Finds the first number in a JSON text that no Swift number type can hold: an integer beyond Int64, or a
/// value beyond Double. JSONDecoder reports such a number only as "not valid JSON", without a field; this
/// names it. Answers nil for text that is not JSON, nests deeper than `maxDepth`, or has no such number.
enum JSONNumberScan {
    static let maxDepth = 256

    static func firstUnrepresentableNumber(in bytes: [UInt8]) -> String? {
        var scanner = Scanner(bytes: bytes)
        return try? scanner.value(path: "", depth: 0)
    }

    private struct NotJSON: Error {}

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        init(bytes: [UInt8]) {
            self.bytes = bytes
        }

        /// The path of the first unrepresentable number within the value that starts here, or nil.
        mutating func value(path: String, depth: Int) throws -> String? {
            guard depth < JSONNumberScan.maxDepth else { throw NotJSON() }
            skipWhitespace()
            guard index < bytes.count else { throw NotJSON() }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                index += 1
                var found: String?
                skipWhitespace()
                if peek(UInt8(ascii: "}")) { index += 1; return nil }
                while true {
                    skipWhitespace()
                    let key = try string()
                    skipWhitespace()
                    try expect(UInt8(ascii: ":"))
                    let inner = try value(path: path.isEmpty ? key : path + "." + key, depth: depth + 1)
                    found = found ?? inner
                    skipWhitespace()
                    if peek(UInt8(ascii: ",")) { index += 1; continue }
                    try expect(UInt8(ascii: "}"))
                    return found
                }
            case UInt8(ascii: "["):
                index += 1
                var found: String?
                skipWhitespace()
                if peek(UInt8(ascii: "]")) { index += 1; return nil }
                var element = 0
                while true {
                    let inner = try value(path: path + "[\(element)]", depth: depth + 1)
                    found = found ?? inner
                    element += 1
                    skipWhitespace()
                    if peek(UInt8(ascii: ",")) { index += 1; continue }
                    try expect(UInt8(ascii: "]"))
                    return found
                }
            case UInt8(ascii: "\""):
                _ = try string()
                return nil
            case UInt8(ascii: "t"), UInt8(ascii: "f"), UInt8(ascii: "n"):
                while index < bytes.count, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(bytes[index]) { index += 1 }
                return nil
            default:
                let start = index
                while index < bytes.count, isNumberByte(bytes[index]) { index += 1 }
                guard index > start else { throw NotJSON() }
                let text = String(decoding: bytes[start..<index], as: UTF8.self)
                return representable(text) ? nil : (path.isEmpty ? "(body)" : path)
            }
        }

        private func representable(_ text: String) -> Bool {
            if !text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return Int64(text) != nil }
            return Double(text).map(\.isFinite) ?? false
        }

        private func isNumberByte(_ byte: UInt8) -> Bool {
            (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "e") || byte == UInt8(ascii: "E")
        }

        /// A string's content, unescaped only as far as a field name needs (escapes are kept as written).
        private mutating func string() throws -> String {
            try expect(UInt8(ascii: "\""))
            let start = index
            while index < bytes.count, bytes[index] != UInt8(ascii: "\"") {
                index += bytes[index] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard index < bytes.count else { throw NotJSON() }
            let text = String(decoding: bytes[start..<index], as: UTF8.self)
            index += 1
            return text
        }

        private func peek(_ byte: UInt8) -> Bool { index < bytes.count && bytes[index] == byte }

        private mutating func expect(_ byte: UInt8) throws {
            guard peek(byte) else { throw NotJSON() }
            index += 1
        }

        private mutating func skipWhitespace() {
            while index < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[index]) { index += 1 }
        }
    }
}

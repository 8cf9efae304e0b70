/// Reads JSON text into a ``JSONValue``, keeping object keys in their written order: the form last-applied documents
/// and pushed JSON files are stored in, read back without going through a YAML parser.
///
/// Numbers without a fraction or exponent that fit an `Int` read as `.integer`, others as `.number`. Errors are
/// `RenderingError.parsing`, naming the byte offset.
struct JSONTextReader {
    private let bytes: [UInt8]
    private var position = 0
    /// Nesting allowed before the text is refused, so a hostile document cannot exhaust the stack.
    private static let maximumDepth = 512

    init(_ text: String) {
        bytes = Array(text.utf8)
    }

    /// The one value the text holds, with nothing but whitespace around it.
    mutating func read() throws -> JSONValue {
        let value = try readValue(depth: 0)
        skipWhitespace()
        guard position == bytes.count else { throw failure("text after the value") }
        return value
    }

    private mutating func readValue(depth: Int) throws -> JSONValue {
        guard depth < Self.maximumDepth else { throw failure("nesting deeper than \(Self.maximumDepth)") }
        skipWhitespace()
        guard position < bytes.count else { throw failure("a value was expected") }
        switch bytes[position] {
        case UInt8(ascii: "{"): return try readObject(depth: depth)
        case UInt8(ascii: "["): return try readArray(depth: depth)
        case UInt8(ascii: "\""): return .string(try readString())
        case UInt8(ascii: "t"): return try readWord("true", .bool(true))
        case UInt8(ascii: "f"): return try readWord("false", .bool(false))
        case UInt8(ascii: "n"): return try readWord("null", .null)
        default: return try readNumber()
        }
    }

    private mutating func readObject(depth: Int) throws -> JSONValue {
        position += 1
        var members: [JSONValue.Member] = []
        skipWhitespace()
        if consume(UInt8(ascii: "}")) { return .object(members) }
        repeat {
            skipWhitespace()
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { throw failure("a key was expected") }
            let key = try readString()
            skipWhitespace()
            guard consume(UInt8(ascii: ":")) else { throw failure("':' was expected") }
            members.append(JSONValue.Member(key, try readValue(depth: depth + 1)))
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "}")) else { throw failure("',' or '}' was expected") }
        return .object(members)
    }

    private mutating func readArray(depth: Int) throws -> JSONValue {
        position += 1
        var elements: [JSONValue] = []
        skipWhitespace()
        if consume(UInt8(ascii: "]")) { return .array(elements) }
        repeat {
            elements.append(try readValue(depth: depth + 1))
            skipWhitespace()
        } while consume(UInt8(ascii: ","))
        guard consume(UInt8(ascii: "]")) else { throw failure("',' or ']' was expected") }
        return .array(elements)
    }

    private mutating func readString() throws -> String {
        position += 1
        let start = position
        // Most strings have no escapes: take their bytes as they are.
        while position < bytes.count, bytes[position] != UInt8(ascii: "\""), bytes[position] != UInt8(ascii: "\\") {
            guard bytes[position] >= 0x20 else { throw failure("a control character in a string") }
            position += 1
        }
        guard position < bytes.count else { throw failure("an unterminated string") }
        if bytes[position] == UInt8(ascii: "\"") {
            defer { position += 1 }
            return String(decoding: bytes[start..<position], as: UTF8.self)
        }
        var scalars = Array(bytes[start..<position])
        while position < bytes.count {
            let byte = bytes[position]
            position += 1
            switch byte {
            case UInt8(ascii: "\""):
                return String(decoding: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                try readEscape(into: &scalars)
            case ..<0x20:
                throw failure("a control character in a string")
            default:
                scalars.append(byte)
            }
        }
        throw failure("an unterminated string")
    }

    private mutating func readEscape(into output: inout [UInt8]) throws {
        guard position < bytes.count else { throw failure("an unterminated escape") }
        let escape = bytes[position]
        position += 1
        switch escape {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): output.append(escape)
        case UInt8(ascii: "b"): output.append(0x08)
        case UInt8(ascii: "f"): output.append(0x0C)
        case UInt8(ascii: "n"): output.append(0x0A)
        case UInt8(ascii: "r"): output.append(0x0D)
        case UInt8(ascii: "t"): output.append(0x09)
        case UInt8(ascii: "u"):
            var code = try readHex4()
            if (0xD800..<0xDC00).contains(code) {
                guard consume(UInt8(ascii: "\\")), consume(UInt8(ascii: "u")) else { throw failure("a lone surrogate") }
                let low = try readHex4()
                guard (0xDC00..<0xE000).contains(low) else { throw failure("a lone surrogate") }
                code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            }
            guard let scalar = Unicode.Scalar(code) else { throw failure("an invalid \\u escape") }
            output.append(contentsOf: String(Character(scalar)).utf8)
        default:
            throw failure("an unknown escape")
        }
    }

    private mutating func readHex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw failure("a short \\u escape") }
        var code: UInt32 = 0
        for byte in bytes[position..<position + 4] {
            let digit: UInt8 = switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
            default: throw failure("a bad \\u escape")
            }
            code = code << 4 | UInt32(digit)
        }
        position += 4
        return code
    }

    private mutating func readNumber() throws -> JSONValue {
        let start = position
        var integral = true
        _ = consume(UInt8(ascii: "-"))
        guard digits() > 0 else { throw failure("a value was expected") }
        if consume(UInt8(ascii: ".")) {
            integral = false
            guard digits() > 0 else { throw failure("digits after '.' were expected") }
        }
        if consume(UInt8(ascii: "e")) || consume(UInt8(ascii: "E")) {
            integral = false
            _ = consume(UInt8(ascii: "+")) || consume(UInt8(ascii: "-"))
            guard digits() > 0 else { throw failure("exponent digits were expected") }
        }
        let text = String(decoding: bytes[start..<position], as: UTF8.self)
        if integral, let integer = Int(text) { return .integer(integer) }
        guard let number = Double(text) else { throw failure("a number out of range") }
        return .number(number)
    }

    private mutating func digits() -> Int {
        let start = position
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) { position += 1 }
        return position - start
    }

    private mutating func readWord(_ word: StaticString, _ value: JSONValue) throws -> JSONValue {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count,
              bytes[position..<position + count].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { throw failure("a value was expected") }
        position += count
        return value
    }

    private mutating func consume(_ byte: UInt8) -> Bool {
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case UInt8(ascii: " "), UInt8(ascii: "\n"), UInt8(ascii: "\r"), UInt8(ascii: "\t"): position += 1
            default: return
            }
        }
    }

    private func failure(_ problem: String) -> RenderingError {
        .parsing("JSON at byte \(position): \(problem)")
    }
}

extension JSONValue {
    /// The value of a JSON text, object keys in their written order.
    /// - Throws: `RenderingError.parsing` naming where the text stops being JSON.
    public init(jsonText text: String) throws {
        var reader = JSONTextReader(text)
        self = try reader.read()
    }
}

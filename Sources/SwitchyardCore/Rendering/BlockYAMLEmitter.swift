/// Block-style YAML for JSON trees, byte for byte as libyaml writes them with the settings `ManifestSerializer`
/// gives Yams (indent 2, lines never folded, a sequence under a key not indented, empty collections as `{}` and
/// `[]`), without building a Yams node or running a regular expression for every scalar.
///
/// It takes the trees rendered objects are: keys and strings of printable ASCII on one line. A tree with anything
/// else (a line break, a tab, a non-ASCII character, a key too long to be a simple key) is refused with `nil`, and
/// the caller writes that one through Yams, which knows every scalar style.
struct BlockYAMLEmitter {
    private var output: [UInt8] = []
    /// Whether a string that starts like a number, time or null was found to read back as a string, by text.
    private var resolvesToString: [String: Bool] = [:]
    private let readsAsString: (String) -> Bool

    /// `readsAsString` says whether a plain scalar with this text resolves to a string; it is asked only about
    /// texts that begin like a number, a time, null or a merge key.
    init(readsAsString: @escaping (String) -> Bool) {
        self.readsAsString = readsAsString
        output.reserveCapacity(1 << 12)
    }

    /// Appends `value` as one document, opened by `---` when `explicitStart`; false (with nothing appended) when it
    /// holds something this emitter does not write.
    mutating func appendDocument(_ value: JSONValue, explicitStart: Bool = true) -> Bool {
        let mark = output.count
        if explicitStart { append("---\n") }
        let written: Bool
        switch value {
        case .object(let members) where !members.isEmpty:
            written = mapping(members, indent: 0)
        case .array(let elements) where !elements.isEmpty:
            written = sequence(elements, indent: 0)
        default:
            written = false
        }
        if !written { output.removeSubrange(mark...) }
        return written
    }

    /// Appends text written elsewhere, such as a document this emitter refused, written by Yams.
    mutating func appendText(_ text: String) {
        append(text)
    }

    /// The text appended so far.
    var text: String { String(decoding: output, as: UTF8.self) }

    /// The text appended so far, which is then forgotten; what was learnt of scalars is kept for the next text.
    mutating func takeText() -> String {
        defer { output.removeAll(keepingCapacity: true) }
        return text
    }

    // MARK: - Collections

    /// Keys at `indent`, the first one where the line already stands (after `- ` or a fresh line).
    private mutating func mapping(_ members: [JSONValue.Member], indent: Int) -> Bool {
        for (index, member) in members.enumerated() {
            if index > 0 { spaces(indent) }
            guard member.key.utf8.count <= 128, scalar(member.key) else { return false }
            append(":")
            guard value(member.value, indent: indent, inMapping: true) else { return false }
        }
        return true
    }

    /// Items at `indent`, the first one where the line already stands.
    private mutating func sequence(_ elements: [JSONValue], indent: Int) -> Bool {
        for (index, element) in elements.enumerated() {
            if index > 0 { spaces(indent) }
            append("-")
            guard value(element, indent: indent, inMapping: false) else { return false }
        }
        return true
    }

    /// The value after `key:` or `-`, and the line break that ends it.
    private mutating func value(_ value: JSONValue, indent: Int, inMapping: Bool) -> Bool {
        switch value {
        case .object(let members) where !members.isEmpty:
            if inMapping {
                newline()
                spaces(indent + 2)
            } else {
                append(" ")
            }
            return mapping(members, indent: indent + 2)
        case .array(let elements) where !elements.isEmpty:
            // libyaml writes a sequence under a key at the key's own indent.
            if inMapping {
                newline()
                spaces(indent)
                return sequence(elements, indent: indent)
            }
            append(" ")
            return sequence(elements, indent: indent + 2)
        case .object: append(" {}")
        case .array: append(" []")
        case .null: append(" null")
        case .bool(let flag): append(flag ? " true" : " false")
        case .integer(let number):
            append(" ")
            append(String(number))
        case .number(let number):
            append(" ")
            append(ManifestSerializer.yamlText(number))
        case .string(let text):
            append(" ")
            guard scalar(text) else { return false }
        }
        newline()
        return true
    }

    // MARK: - Scalars

    /// A key or string value, plain where libyaml would write it plain and YAML reads it back as a string,
    /// single-quoted otherwise; false when it is not printable ASCII on one line.
    private mutating func scalar(_ text: String) -> Bool {
        let utf8 = text.utf8
        switch plainStyle(utf8) {
        case .plain where resolvesAsString(text):
            output.append(contentsOf: utf8)
        case .plain, .quoted:
            output.append(UInt8(ascii: "'"))
            for byte in utf8 {
                if byte == UInt8(ascii: "'") { output.append(byte) }
                output.append(byte)
            }
            output.append(UInt8(ascii: "'"))
        case .unsupported:
            return false
        }
        return true
    }

    private enum ScalarStyle { case plain, quoted, unsupported }

    /// libyaml's analysis of a scalar in a block context, for printable ASCII.
    private func plainStyle(_ utf8: String.UTF8View) -> ScalarStyle {
        if let style = utf8.withContiguousStorageIfAvailable(Self.plainStyle) { return style }
        return Array(utf8).withUnsafeBufferPointer(Self.plainStyle)
    }

    private static func plainStyle(_ bytes: UnsafeBufferPointer<UInt8>) -> ScalarStyle {
        guard let first = bytes.first else { return .quoted }
        var style = ScalarStyle.plain
        var previous: UInt8 = 0
        let count = bytes.count
        for position in 0..<count {
            let byte = bytes[position]
            guard byte >= 0x20, byte <= 0x7E else { return .unsupported }
            let followedByBlank = position + 1 == count || bytes[position + 1] == UInt8(ascii: " ")
            if position == 0 {
                switch byte {
                case UInt8(ascii: "#"), UInt8(ascii: ","), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "{"),
                    UInt8(ascii: "}"), UInt8(ascii: "&"), UInt8(ascii: "*"), UInt8(ascii: "!"), UInt8(ascii: "|"),
                    UInt8(ascii: ">"), UInt8(ascii: "'"), UInt8(ascii: "\""), UInt8(ascii: "%"), UInt8(ascii: "@"),
                    UInt8(ascii: "`"), UInt8(ascii: " "):
                    style = .quoted
                case UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "-"):
                    if followedByBlank { style = .quoted }
                default: break
                }
            } else if byte == UInt8(ascii: ":") && followedByBlank {
                style = .quoted
            } else if byte == UInt8(ascii: "#") && previous == UInt8(ascii: " ") {
                style = .quoted
            }
            if position == count - 1 && byte == UInt8(ascii: " ") { style = .quoted }
            previous = byte
        }
        // A text opening like a document marker, whatever follows.
        if count >= 3, first == UInt8(ascii: "-") || first == UInt8(ascii: "."), bytes[1] == first, bytes[2] == first {
            style = .quoted
        }
        return style
    }

    /// Whether a plain scalar of this text reads back as a string rather than a number, boolean or null, by
    /// ``ManifestSerializer``'s rule; the resolver's answer is kept per text. Asked only of printable ASCII.
    private mutating func resolvesAsString(_ text: String) -> Bool {
        guard let first = text.utf8.first else { return true }
        switch first {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "."),
            UInt8(ascii: "~"), UInt8(ascii: "<"), UInt8(ascii: "="):
            if let known = resolvesToString[text] { return known }
            let resolved = readsAsString(text)
            resolvesToString[text] = resolved
            return resolved
        case UInt8(ascii: "y"), UInt8(ascii: "Y"), UInt8(ascii: "n"), UInt8(ascii: "N"), UInt8(ascii: "t"),
            UInt8(ascii: "T"), UInt8(ascii: "f"), UInt8(ascii: "F"), UInt8(ascii: "o"), UInt8(ascii: "O"):
            // Every typed word is at most five letters long.
            return text.utf8.count > 5 || !ManifestSerializer.typedWords.contains(text)
        default:
            return true
        }
    }

    // MARK: - Output

    private mutating func append(_ text: String) {
        output.append(contentsOf: text.utf8)
    }

    private mutating func newline() {
        output.append(UInt8(ascii: "\n"))
    }

    private mutating func spaces(_ count: Int) {
        output.append(contentsOf: repeatElement(UInt8(ascii: " "), count: count))
    }
}

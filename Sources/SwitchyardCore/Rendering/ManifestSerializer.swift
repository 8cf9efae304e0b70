import Foundation
import Yams

/// Deterministic YAML and JSON for lists of objects, and the reverse for reading last-applied manifests.
/// Errors are `RenderingError`.
///
/// Keys keep Kubernetes field order (map keys sorted); strings that YAML would read as another type
/// (`'10'`, `'true'`, `'200'`) are quoted, so the text round-trips to the same values.
public enum ManifestSerializer {
    /// Multi-document YAML, each document opened by `---`.
    public static func yaml(_ objects: [KubernetesObject]) throws -> String {
        try yaml(values: objects.map { try treeValue($0) })
    }

    public static func yaml(values: [JSONValue]) throws -> String {
        var emitter = BlockYAMLEmitter(readsAsString: readsAsString)
        for value in values where !emitter.appendDocument(value) {
            emitter.appendText(try yamsText(value, explicitStart: true))
        }
        return emitter.text
    }

    /// Each tree as a stream of its own (one document, opened by `---`), as ``yaml(values:)`` writes it: one file
    /// per object. A number-like text met in one document is not analysed again for the next.
    public static func yaml(separately values: [JSONValue]) throws -> [String] {
        var emitter = BlockYAMLEmitter(readsAsString: readsAsString)
        return try values.map { value in
            if !emitter.appendDocument(value) { emitter.appendText(try yamsText(value, explicitStart: true)) }
            return emitter.takeText()
        }
    }

    /// One YAML document, without the `---` that opens each of a stream's: keys in coding order, numbers in the
    /// form of ``JSONValue/format(number:)``, lines never folded.
    public static func yaml(document value: some Encodable) throws -> String {
        let tree = try treeValue(value)
        var emitter = BlockYAMLEmitter(readsAsString: readsAsString)
        return emitter.appendDocument(tree, explicitStart: false) ? emitter.text : try yamsText(tree, explicitStart: false)
    }

    /// One document written by Yams, which knows every scalar style: for trees ``BlockYAMLEmitter`` does not write.
    static func yamsText(_ value: JSONValue, explicitStart: Bool) throws -> String {
        do {
            return try Yams.serialize(node: node(value), width: -1, explicitStart: explicitStart)
        } catch {
            throw RenderingError.encoding(String(describing: error))
        }
    }

    /// A pretty-printed JSON array of the objects.
    public static func json(_ objects: [KubernetesObject]) throws -> String {
        JSONValue.array(try objects.map { try treeValue($0) }).jsonText(pretty: true) + "\n"
    }

    /// Any single `Encodable` as a tree in its coding order.
    public static func treeValue(_ value: some Encodable) throws -> JSONValue {
        do {
            return try JSONValueEncoder().encode(value)
        } catch {
            throw RenderingError.encoding(String(describing: error))
        }
    }

    /// Reads multi-document YAML or JSON (a single object or an array of objects) into trees, keeping key order.
    /// A `List` (`kind: List` with `items`) is flattened into its items.
    public static func documents(from text: String) throws -> [JSONValue] {
        let trees: [JSONValue]
        if let json = try? jsonTree(text) {
            trees = [json]
        } else {
            do {
                trees = try Yams.compose_all(yaml: text).map(value)
            } catch {
                throw RenderingError.parsing(String(describing: error))
            }
        }
        return trees.flatMap { document -> [JSONValue] in
            if case .array(let items) = document { return items }
            if document["kind"]?.stringValue == "List", case .array(let items)? = document["items"] { return items }
            if case .null = document { return [] }
            return [document]
        }
    }

    /// The tree of a text that is one JSON object or array, read without the YAML parser (JSON is YAML, but
    /// reading it as such costs tens of times more); nil for any other text.
    private static func jsonTree(_ text: String) throws -> JSONValue? {
        guard let first = text.utf8.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }),
              first == UInt8(ascii: "{") || first == UInt8(ascii: "[")
        else { return nil }
        var reader = JSONTextReader(text)
        return try reader.read()
    }

    /// Reads documents and decodes each into a typed object.
    public static func objects(from text: String) throws -> [KubernetesObject] {
        try documents(from: text).map(object(from:))
    }

    /// Decodes a tree into a typed object by its apiVersion and kind.
    public static func object(from document: JSONValue) throws -> KubernetesObject {
        do {
            return try JSONDecoder().decode(KubernetesObject.self, from: Data(document.jsonText(pretty: false).utf8))
        } catch {
            throw RenderingError.unsupportedObject(ObjectIdentity(document)?.description ?? String(describing: error))
        }
    }

    // MARK: - YAML nodes

    /// Explicit tags, made once: each `Tag` built with defaults builds a constructor's tables, and the emitter only
    /// reads a tag whose name is explicit, so one instance of each serves every node.
    private enum Tags {
        nonisolated(unsafe) static let null = Tag(.null)
        nonisolated(unsafe) static let bool = Tag(.bool)
        nonisolated(unsafe) static let int = Tag(.int)
        nonisolated(unsafe) static let float = Tag(.float)
        nonisolated(unsafe) static let str = Tag(.str)
        nonisolated(unsafe) static let seq = Tag(.seq)
        nonisolated(unsafe) static let map = Tag(.map)
        /// Only for resolving: a fresh one per use, since resolving names an implicit tag.
        static var implicit: Tag { Tag(.implicit) }
    }

    private static func node(_ value: JSONValue) -> Node {
        switch value {
        case .null: return Node("null", Tags.null)
        case .bool(let flag): return Node(flag ? "true" : "false", Tags.bool)
        case .integer(let number): return Node(String(number), Tags.int)
        case .number(let number): return Node(yamlText(number), Tags.float)
        case .string(let text): return .scalar(Node.Scalar(text, Tags.str, style(for: text)))
        case .array(let elements): return .sequence(Node.Sequence(elements.map(node), Tags.seq, .block))
        case .object(let members):
            return .mapping(Node.Mapping(members.map { (Node.scalar(Node.Scalar($0.key, Tags.str, style(for: $0.key))), node($0.value)) }, Tags.map, .block))
        }
    }

    /// A number as JSON writes it, with a `.0` added to an exponent form's bare mantissa (`1.0e+21`): YAML 1.1
    /// readers take a float only with a dot, and `1e+21` would reach them as a string.
    static func yamlText(_ number: Double) -> String {
        let text = JSONValue.format(number: number)
        guard let exponent = text.firstIndex(of: "e"), !text[..<exponent].contains(".") else { return text }
        return String(text[..<exponent]) + ".0" + text[exponent...]
    }

    /// Quotes what a plain scalar would turn into a number, boolean or null.
    private static func style(for text: String) -> Node.Scalar.Style {
        if text.contains("\n") { return .literal }
        guard let first = text.unicodeScalars.first else { return .singleQuoted }
        // The resolver's patterns for numbers, times, null, merge and value keys all begin with one of these; a
        // text beginning with a letter resolves to something else only as a whole word (`true`, `No`, `null`).
        if !Self.patternStarts.contains(first) {
            return first.properties.isAlphabetic && Self.typedWords.contains(text) ? .singleQuoted : .any
        }
        return readsAsString(text) ? .any : .singleQuoted
    }

    /// A stream of documents written by Yams alone: the reference ``BlockYAMLEmitter`` is held to.
    static func yamsText(values: [JSONValue]) throws -> String {
        guard !values.isEmpty else { return "" }
        do {
            return try Yams.serialize(nodes: values.map(node), width: -1, explicitStart: true)
        } catch {
            throw RenderingError.encoding(String(describing: error))
        }
    }

    /// Whether YAML reads a plain scalar of this text as a string, by the resolver's patterns.
    static func readsAsString(_ text: String) -> Bool {
        Resolver.default.resolveTag(of: Node.scalar(Node.Scalar(text, Tags.implicit))) == .str
    }

    /// The first characters of every text the resolver could read as a number, time, null or merge key.
    static let patternStarts = Set("0123456789+-.~<=".unicodeScalars)

    /// The words YAML 1.1 reads as booleans or null.
    static let typedWords: Set<String> = [
        "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "true", "True", "TRUE", "false", "False", "FALSE",
        "on", "On", "ON", "off", "Off", "OFF", "null", "Null", "NULL",
    ]

    private static func value(_ node: Node) -> JSONValue {
        switch node {
        case .scalar(let scalar):
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .null: return .null
            case .bool: return node.bool.map(JSONValue.bool) ?? .string(scalar.string)
            case .int: return node.int.map(JSONValue.integer) ?? .string(scalar.string)
            case .float: return node.float.map(JSONValue.number) ?? .string(scalar.string)
            default: return .string(scalar.string)
            }
        case .sequence(let sequence): return .array(sequence.map(value))
        case .mapping(let mapping):
            return .object(mapping.map { JSONValue.Member($0.key.string ?? String(describing: $0.key), value($0.value)) })
        case .alias: return .null
        }
    }
}

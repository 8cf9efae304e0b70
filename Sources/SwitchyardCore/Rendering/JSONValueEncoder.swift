/// Encodes any `Encodable` into a `JSONValue`, keeping keys in the order `encode(to:)` writes them.
///
/// Foundation's `JSONEncoder` either sorts keys or leaves their order unspecified; Kubernetes objects read
/// best in their API's field order, so the renderers encode through this instead.
///
/// Every object the renderer produces goes through here, tens of thousands per fleet render, so it allocates little:
/// a container appends finished members to one array, a coding path is built only when an error asks for it, and a
/// nested container or encoder is a placeholder resolved once, when the whole value is read back.
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode(_ value: some Encodable) throws -> JSONValue {
        if let scalar = TreeEncoder.scalar(value) { return scalar }
        let encoder = TreeEncoder(path: .root)
        try value.encode(to: encoder)
        return encoder.value ?? .object([])
    }
}

/// Where a value sits, as a chain of keys turned into a coding path only when someone asks for one.
private final class CodingPathNode: Sendable {
    static let root = CodingPathNode(parent: nil, key: nil)

    let parent: CodingPathNode?
    let key: (any CodingKey)?

    init(parent: CodingPathNode?, key: (any CodingKey)?) {
        self.parent = parent
        self.key = key
    }

    func appending(_ key: any CodingKey) -> CodingPathNode { CodingPathNode(parent: self, key: key) }

    var path: [any CodingKey] {
        var keys: [any CodingKey] = []
        var node: CodingPathNode? = self
        while let current = node, let key = current.key {
            keys.append(key)
            node = current.parent
        }
        return keys.reversed()
    }
}

/// A value still being written: a nested container or encoder whose contents are read back at the end.
private enum PendingValue {
    case object(ObjectBuilder)
    case array(ArrayBuilder)
    case encoder(TreeEncoder)

    /// The finished value; nil for an encoder nothing was written to.
    var value: JSONValue? {
        switch self {
        case .object(let builder): builder.value
        case .array(let builder): builder.value
        case .encoder(let encoder): encoder.value
        }
    }
}

/// An object under construction: finished members in order, and the positions of those still being written.
private final class ObjectBuilder {
    private var members: [JSONValue.Member] = []
    private var pending: [(index: Int, value: PendingValue)] = []

    /// Sets `key`, replacing what an earlier write under the same key left.
    func set(_ key: String, _ value: JSONValue) {
        let index = position(of: key, placeholder: value)
        members[index].value = value
    }

    func setPending(_ key: String, _ value: PendingValue) {
        pending.append((position(of: key, placeholder: .null), value))
    }

    private func position(of key: String, placeholder: JSONValue) -> Int {
        if let index = members.firstIndex(where: { $0.key == key }) {
            pending.removeAll { $0.index == index }
            return index
        }
        members.append(JSONValue.Member(key, placeholder))
        return members.count - 1
    }

    var value: JSONValue {
        guard !pending.isEmpty else { return .object(members) }
        var resolved = members
        var dropped: Set<Int> = []
        for (index, value) in pending {
            if let finished = value.value { resolved[index].value = finished } else { dropped.insert(index) }
        }
        if !dropped.isEmpty { resolved = resolved.enumerated().filter { !dropped.contains($0.offset) }.map(\.element) }
        return .object(resolved)
    }
}

/// An array under construction, like ``ObjectBuilder``.
private final class ArrayBuilder {
    private var elements: [JSONValue] = []
    private var pending: [(index: Int, value: PendingValue)] = []

    var count: Int { elements.count }

    func append(_ value: JSONValue) { elements.append(value) }

    func appendPending(_ value: PendingValue) {
        pending.append((elements.count, value))
        elements.append(.null)
    }

    var value: JSONValue {
        guard !pending.isEmpty else { return .array(elements) }
        var resolved = elements
        for (index, value) in pending { resolved[index] = value.value ?? .null }
        return .array(resolved)
    }
}

private final class TreeEncoder: Encoder {
    private enum Content {
        case empty
        case single(JSONValue)
        case object(ObjectBuilder)
        case array(ArrayBuilder)
    }

    let node: CodingPathNode
    private var content = Content.empty
    var codingPath: [any CodingKey] { node.path }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(path: CodingPathNode) {
        node = path
    }

    /// What was written; nil when nothing was.
    var value: JSONValue? {
        switch content {
        case .empty: nil
        case .single(let value): value
        case .object(let builder): builder.value
        case .array(let builder): builder.value
        }
    }

    func set(_ value: JSONValue) { content = .single(value) }

    func objectBuilder() -> ObjectBuilder {
        if case .object(let builder) = content { return builder }
        let builder = ObjectBuilder()
        content = .object(builder)
        return builder
    }

    func arrayBuilder() -> ArrayBuilder {
        if case .array(let builder) = content { return builder }
        let builder = ArrayBuilder()
        content = .array(builder)
        return builder
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedTreeContainer<Key>(node: node, builder: objectBuilder()))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedTreeContainer(node: node, builder: arrayBuilder())
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleTreeContainer(encoder: self)
    }

    /// The tree of a value the encoder holds as a scalar, without encoding it: the common leaves.
    /// Types are compared before any cast, so a value of another type costs a comparison, not a failed cast.
    static func scalar<Value: Encodable>(_ value: Value) -> JSONValue? {
        if Value.self == String.self, let text = value as? String { return .string(text) }
        if Value.self == Int.self, let number = value as? Int { return .integer(number) }
        if Value.self == Double.self, let number = value as? Double { return .number(number) }
        if Value.self == Bool.self, let flag = value as? Bool { return .bool(flag) }
        if Value.self == [String].self, let texts = value as? [String] { return .array(texts.map(JSONValue.string)) }
        return nil
    }

    /// The tree of a nested value, encoded at `node`.
    static func encode(_ value: some Encodable, at node: @autoclosure () -> CodingPathNode) throws -> JSONValue {
        if let scalar = scalar(value) { return scalar }
        let encoder = TreeEncoder(path: node())
        try value.encode(to: encoder)
        return encoder.value ?? .object([])
    }
}

private struct KeyedTreeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: CodingPathNode
    let builder: ObjectBuilder
    var codingPath: [any CodingKey] { node.path }

    mutating func encodeNil(forKey key: Key) throws { builder.set(key.stringValue, .null) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { builder.set(key.stringValue, .bool(value)) }
    mutating func encode(_ value: String, forKey key: Key) throws { builder.set(key.stringValue, .string(value)) }
    mutating func encode(_ value: Double, forKey key: Key) throws { builder.set(key.stringValue, .number(value)) }
    mutating func encode(_ value: Float, forKey key: Key) throws { builder.set(key.stringValue, .number(Double(value))) }
    mutating func encode(_ value: Int, forKey key: Key) throws { builder.set(key.stringValue, .integer(value)) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { builder.set(key.stringValue, .integer(Int(value))) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { builder.set(key.stringValue, .integer(Int(value))) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { builder.set(key.stringValue, .integer(Int(value))) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { builder.set(key.stringValue, .integer(Int(value))) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { builder.set(key.stringValue, .integer(Int(value))) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { builder.set(key.stringValue, .integer(Int(value))) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { builder.set(key.stringValue, .integer(Int(value))) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { builder.set(key.stringValue, .integer(Int(value))) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { builder.set(key.stringValue, .integer(Int(value))) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        builder.set(key.stringValue, try TreeEncoder.encode(value, at: node.appending(key)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBuilder()
        builder.setPending(key.stringValue, .object(nested))
        return KeyedEncodingContainer(KeyedTreeContainer<NestedKey>(node: node.appending(key), builder: nested))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let nested = ArrayBuilder()
        builder.setPending(key.stringValue, .array(nested))
        return UnkeyedTreeContainer(node: node.appending(key), builder: nested)
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let encoder = TreeEncoder(path: node.appending(key))
        builder.setPending(key.stringValue, .encoder(encoder))
        return encoder
    }
}

private struct UnkeyedTreeContainer: UnkeyedEncodingContainer {
    let node: CodingPathNode
    let builder: ArrayBuilder
    var codingPath: [any CodingKey] { node.path }
    var count: Int { builder.count }

    mutating func encodeNil() throws { builder.append(.null) }
    mutating func encode(_ value: Bool) throws { builder.append(.bool(value)) }
    mutating func encode(_ value: String) throws { builder.append(.string(value)) }
    mutating func encode(_ value: Double) throws { builder.append(.number(value)) }
    mutating func encode(_ value: Int) throws { builder.append(.integer(value)) }

    mutating func encode(_ value: some Encodable) throws {
        let index = count
        builder.append(try TreeEncoder.encode(value, at: node.appending(DynamicKey(intValue: index)!)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let nested = ObjectBuilder()
        builder.appendPending(.object(nested))
        return KeyedEncodingContainer(KeyedTreeContainer<NestedKey>(node: node, builder: nested))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let nested = ArrayBuilder()
        builder.appendPending(.array(nested))
        return UnkeyedTreeContainer(node: node, builder: nested)
    }

    mutating func superEncoder() -> any Encoder {
        let encoder = TreeEncoder(path: node)
        builder.appendPending(.encoder(encoder))
        return encoder
    }
}

private struct SingleTreeContainer: SingleValueEncodingContainer {
    let encoder: TreeEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.set(.null) }
    mutating func encode(_ value: Bool) throws { encoder.set(.bool(value)) }
    mutating func encode(_ value: String) throws { encoder.set(.string(value)) }
    mutating func encode(_ value: Double) throws { encoder.set(.number(value)) }
    mutating func encode(_ value: Float) throws { encoder.set(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { encoder.set(.integer(value)) }
    mutating func encode(_ value: Int8) throws { encoder.set(.integer(Int(value))) }
    mutating func encode(_ value: Int16) throws { encoder.set(.integer(Int(value))) }
    mutating func encode(_ value: Int32) throws { encoder.set(.integer(Int(value))) }
    mutating func encode(_ value: Int64) throws { encoder.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt) throws { encoder.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt8) throws { encoder.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt16) throws { encoder.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt32) throws { encoder.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt64) throws { encoder.set(.integer(Int(value))) }
    mutating func encode(_ value: some Encodable) throws {
        encoder.set(try TreeEncoder.encode(value, at: encoder.node))
    }
}

/// Encodes any `Encodable` into a `JSONValue`, keeping keys in the order `encode(to:)` writes them.
///
/// Foundation's `JSONEncoder` either sorts keys or leaves their order unspecified; Kubernetes objects read
/// best in their API's field order, so the renderers encode through this instead.
public struct JSONValueEncoder: Sendable {
    public init() {}

    public func encode(_ value: some Encodable) throws -> JSONValue {
        let encoder = TreeEncoder(codingPath: [])
        try value.encode(to: encoder)
        return encoder.storage.value ?? .object([])
    }
}

/// A slot a container writes into: a finished value, or a nested encoder's output read back later.
private final class ValueSlot {
    var value: JSONValue?
    var reader: ValueSlotReader?

    var resolved: JSONValue? { reader?.value ?? value }
}

/// An object or array under construction, holding child slots until it is read back.
private final class ContainerSlot {
    enum Shape { case object, array }

    let shape: Shape
    var keys: [String] = []
    var children: [ValueSlot] = []

    init(shape: Shape) { self.shape = shape }

    func slot(forKey key: String) -> ValueSlot {
        if let index = keys.firstIndex(of: key) { return children[index] }
        let slot = ValueSlot()
        keys.append(key)
        children.append(slot)
        return slot
    }

    func appendSlot() -> ValueSlot {
        let slot = ValueSlot()
        children.append(slot)
        return slot
    }

    var value: JSONValue {
        switch shape {
        case .object:
            .object(zip(keys, children).compactMap { key, slot in slot.resolved.map { JSONValue.Member(key, $0) } })
        case .array:
            .array(children.map { $0.resolved ?? .null })
        }
    }
}

private final class TreeEncoder: Encoder {
    let codingPath: [any CodingKey]
    let userInfo: [CodingUserInfoKey: Any] = [:]
    let storage: ValueSlotReader

    init(codingPath: [any CodingKey], storage: ValueSlotReader = ValueSlotReader()) {
        self.codingPath = codingPath
        self.storage = storage
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedTreeContainer<Key>(codingPath: codingPath, container: storage.container(.object)))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedTreeContainer(codingPath: codingPath, container: storage.container(.array))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleTreeContainer(codingPath: codingPath, slot: storage)
    }
}

/// What an encoder wrote: a single value, or a container that is read back lazily.
private final class ValueSlotReader {
    private var single: JSONValue?
    private var containerSlot: ContainerSlot?

    func container(_ shape: ContainerSlot.Shape) -> ContainerSlot {
        if let containerSlot, containerSlot.shape == shape { return containerSlot }
        let created = ContainerSlot(shape: shape)
        containerSlot = created
        return created
    }

    func set(_ value: JSONValue) { single = value }

    var value: JSONValue? { containerSlot?.value ?? single }
}

/// Encodes a nested value into its own reader, then copies the result into the parent slot when read.
private func encodeNested(_ value: some Encodable, codingPath: [any CodingKey]) throws -> JSONValue {
    let encoder = TreeEncoder(codingPath: codingPath)
    try value.encode(to: encoder)
    return encoder.storage.value ?? .object([])
}

private struct KeyedTreeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let codingPath: [any CodingKey]
    let container: ContainerSlot

    mutating func encodeNil(forKey key: Key) throws { container.slot(forKey: key.stringValue).value = .null }
    mutating func encode(_ value: Bool, forKey key: Key) throws { set(.bool(value), key) }
    mutating func encode(_ value: String, forKey key: Key) throws { set(.string(value), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { set(.number(value), key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { set(.number(Double(value)), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(.integer(value), key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(.integer(Int(value)), key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(.integer(Int(value)), key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(.integer(Int(value)), key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(.integer(Int(value)), key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(.integer(Int(value)), key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(.integer(Int(value)), key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(.integer(Int(value)), key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(.integer(Int(value)), key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(.integer(Int(value)), key) }

    mutating func encode(_ value: some Encodable, forKey key: Key) throws {
        set(try encodeNested(value, codingPath: codingPath + [key]), key)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(
        keyedBy keyType: NestedKey.Type, forKey key: Key
    ) -> KeyedEncodingContainer<NestedKey> {
        let reader = nestedReader(for: key)
        return KeyedEncodingContainer(
            KeyedTreeContainer<NestedKey>(codingPath: codingPath + [key], container: reader.container(.object)))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedTreeContainer(codingPath: codingPath + [key], container: nestedReader(for: key).container(.array))
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        TreeEncoder(codingPath: codingPath + [key], storage: nestedReader(for: key))
    }

    private func set(_ value: JSONValue, _ key: Key) {
        let slot = container.slot(forKey: key.stringValue)
        slot.reader = nil
        slot.value = value
    }

    private func nestedReader(for key: Key) -> ValueSlotReader {
        let reader = ValueSlotReader()
        container.slot(forKey: key.stringValue).reader = reader
        return reader
    }
}

private struct UnkeyedTreeContainer: UnkeyedEncodingContainer {
    let codingPath: [any CodingKey]
    let container: ContainerSlot
    var count: Int { container.children.count }

    mutating func encodeNil() throws { container.appendSlot().value = .null }
    mutating func encode(_ value: Bool) throws { container.appendSlot().value = .bool(value) }
    mutating func encode(_ value: String) throws { container.appendSlot().value = .string(value) }
    mutating func encode(_ value: Double) throws { container.appendSlot().value = .number(value) }
    mutating func encode(_ value: Int) throws { container.appendSlot().value = .integer(value) }

    mutating func encode(_ value: some Encodable) throws {
        let path = codingPath + [DynamicKey(intValue: count)!]
        container.appendSlot().value = try encodeNested(value, codingPath: path)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        let reader = appendReader()
        return KeyedEncodingContainer(KeyedTreeContainer<NestedKey>(codingPath: codingPath, container: reader.container(.object)))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedTreeContainer(codingPath: codingPath, container: appendReader().container(.array))
    }

    mutating func superEncoder() -> any Encoder { TreeEncoder(codingPath: codingPath, storage: appendReader()) }

    private func appendReader() -> ValueSlotReader {
        let reader = ValueSlotReader()
        container.appendSlot().reader = reader
        return reader
    }
}

private struct SingleTreeContainer: SingleValueEncodingContainer {
    let codingPath: [any CodingKey]
    let slot: ValueSlotReader

    mutating func encodeNil() throws { slot.set(.null) }
    mutating func encode(_ value: Bool) throws { slot.set(.bool(value)) }
    mutating func encode(_ value: String) throws { slot.set(.string(value)) }
    mutating func encode(_ value: Double) throws { slot.set(.number(value)) }
    mutating func encode(_ value: Float) throws { slot.set(.number(Double(value))) }
    mutating func encode(_ value: Int) throws { slot.set(.integer(value)) }
    mutating func encode(_ value: Int8) throws { slot.set(.integer(Int(value))) }
    mutating func encode(_ value: Int16) throws { slot.set(.integer(Int(value))) }
    mutating func encode(_ value: Int32) throws { slot.set(.integer(Int(value))) }
    mutating func encode(_ value: Int64) throws { slot.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt) throws { slot.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt8) throws { slot.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt16) throws { slot.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt32) throws { slot.set(.integer(Int(value))) }
    mutating func encode(_ value: UInt64) throws { slot.set(.integer(Int(value))) }
    mutating func encode(_ value: some Encodable) throws {
        slot.set(try encodeNested(value, codingPath: codingPath))
    }
}

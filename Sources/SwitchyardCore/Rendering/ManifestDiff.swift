/// What applying the desired objects would change, object by object and field by field: Switchyard's `plan`.
///
/// JSON carried in annotation values (the ALB forward action) is compared as JSON, so a weight change
/// shows as `…forwardConfig.targetGroups[0].weight` rather than as one opaque string.
public struct ManifestDiff: Codable, Sendable, Equatable {
    /// Added and changed objects in desired order, then removed ones in last-applied order.
    public var changes: [ObjectChange]

    public var isEmpty: Bool { changes.isEmpty }

    public init(changes: [ObjectChange]) {
        self.changes = changes
    }

    /// Compares typed objects.
    public init(lastApplied: [KubernetesObject], desired: [KubernetesObject]) throws {
        try self.init(
            lastAppliedDocuments: lastApplied.map { try $0.jsonValue() },
            desiredDocuments: desired.map { try $0.jsonValue() })
    }

    /// Compares generic trees, e.g. last-applied objects read back from the store.
    /// Throws `RenderingError.unsupportedObject` for a document without apiVersion, kind and metadata.name.
    public init(lastAppliedDocuments: [JSONValue], desiredDocuments: [JSONValue]) throws {
        let old = try Self.keyed(lastAppliedDocuments)
        let new = try Self.keyed(desiredDocuments)
        let oldByIdentity = Dictionary(old) { first, _ in first }
        let newIdentities = Set(new.map(\.0))
        var changes: [ObjectChange] = []
        for (identity, desired) in new {
            guard let previous = oldByIdentity[identity] else {
                changes.append(ObjectChange(identity: identity, action: .added, fields: [], after: desired))
                continue
            }
            var fields: [FieldChange] = []
            Self.compare(previous, desired, at: [], into: &fields)
            if !fields.isEmpty { changes.append(ObjectChange(identity: identity, action: .changed, fields: fields)) }
        }
        for (identity, previous) in old where !newIdentities.contains(identity) {
            changes.append(ObjectChange(identity: identity, action: .removed, fields: [], before: previous))
        }
        self.init(changes: changes)
    }

    private static func keyed(_ documents: [JSONValue]) throws -> [(ObjectIdentity, JSONValue)] {
        try documents.map { document in
            guard let identity = ObjectIdentity(document) else {
                throw RenderingError.unsupportedObject("a document has no apiVersion, kind or metadata.name")
            }
            return (identity, document)
        }
    }

    private static func compare(_ old: JSONValue, _ new: JSONValue, at path: [PathSegment], into fields: inout [FieldChange]) {
        if old.isSemanticallyEqual(to: new) { return }
        switch (old, new) {
        case (.object(let oldMembers), .object(let newMembers)):
            for member in newMembers {
                let childPath = path + [.key(member.key)]
                if let previous = old[member.key] {
                    compareChild(previous, member.value, at: childPath, into: &fields)
                } else {
                    fields.append(FieldChange(path: render(childPath), old: nil, new: member.value))
                }
            }
            for member in oldMembers where new[member.key] == nil {
                fields.append(FieldChange(path: render(path + [.key(member.key)]), old: member.value, new: nil))
            }
        case (.array(let oldElements), .array(let newElements)):
            for index in 0..<max(oldElements.count, newElements.count) {
                let childPath = path + [.index(index)]
                switch (oldElements.indices.contains(index), newElements.indices.contains(index)) {
                case (true, true): compare(oldElements[index], newElements[index], at: childPath, into: &fields)
                case (false, true): fields.append(FieldChange(path: render(childPath), old: nil, new: newElements[index]))
                case (true, false): fields.append(FieldChange(path: render(childPath), old: oldElements[index], new: nil))
                case (false, false): break
                }
            }
        default:
            fields.append(FieldChange(path: render(path), old: old, new: new))
        }
    }

    /// Annotation values holding JSON are compared as the JSON they hold.
    private static func compareChild(_ old: JSONValue, _ new: JSONValue, at path: [PathSegment], into fields: inout [FieldChange]) {
        if path.count == 3, path[0] == .key("metadata"), path[1] == .key("annotations"),
           let oldTree = embeddedJSON(old), let newTree = embeddedJSON(new) {
            compare(oldTree, newTree, at: path, into: &fields)
        } else {
            compare(old, new, at: path, into: &fields)
        }
    }

    private static func embeddedJSON(_ value: JSONValue) -> JSONValue? {
        guard let text = value.stringValue, let first = text.first(where: { !$0.isWhitespace }), first == "{" || first == "[",
              let document = try? ManifestSerializer.documents(from: text), document.count == 1
        else { return nil }
        return document[0]
    }

    enum PathSegment: Equatable {
        case key(String)
        case index(Int)
    }

    /// `spec.template.metadata.labels["app.kubernetes.io/name"]`, `spec.triggers[0].metadata.targetMetricValue`.
    static func render(_ path: [PathSegment]) -> String {
        var text = ""
        for segment in path {
            switch segment {
            case .index(let index): text += "[\(index)]"
            case .key(let key) where isIdentifier(key): text += (text.isEmpty ? "" : ".") + key
            case .key(let key): text += "[\(JSONValue.quoted(key))]"
            }
        }
        return text
    }

    private static func isIdentifier(_ key: String) -> Bool {
        guard let first = key.unicodeScalars.first, first == "_" || first.properties.isAlphabetic, first.isASCII else { return false }
        return key.unicodeScalars.allSatisfy { $0.isASCII && ($0 == "_" || $0.properties.isAlphabetic || ("0"..."9").contains($0)) }
    }
}

/// One object's fate.
public struct ObjectChange: Codable, Sendable, Equatable {
    public enum Action: String, Codable, Sendable {
        case added, removed, changed
    }

    public var identity: ObjectIdentity
    public var action: Action
    /// For `changed`: each differing leaf (or subtree present on one side only).
    public var fields: [FieldChange]
    /// The last-applied object, for `removed`.
    public var before: JSONValue?
    /// The desired object, for `added`.
    public var after: JSONValue?

    public init(identity: ObjectIdentity, action: Action, fields: [FieldChange], before: JSONValue? = nil, after: JSONValue? = nil) {
        self.identity = identity
        self.action = action
        self.fields = fields
        self.before = before
        self.after = after
    }
}

/// One field's old and new value; nil where the field is absent on that side.
public struct FieldChange: Codable, Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var old: JSONValue?
    public var new: JSONValue?

    public init(path: String, old: JSONValue?, new: JSONValue?) {
        self.path = path
        self.old = old
        self.new = new
    }

    public var description: String {
        "\(path): \(old.map(\.description) ?? "(absent)") -> \(new.map(\.description) ?? "(absent)")"
    }
}

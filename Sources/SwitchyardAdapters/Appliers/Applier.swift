import SwitchyardCore

/// Pushes desired state to one kind of target and reads the target's live state back.
///
/// Live implementations: ``KubernetesApplier``, ``ALBAnnotationApplier``, ``ELBv2Applier``, ``FilesApplier``;
/// each runs against a fake of its target in tests (the fake API server, `InMemoryLoadBalancer` or moto, a
/// temporary directory).
public protocol Applier: Sendable {
    var kind: ApplierKind { get }

    /// Pushes each item; one failure does not stop the others. One outcome per item, in order.
    func push(_ items: [PushItem]) async -> [PushOutcome]

    /// The live state of each item for drift checks (nil: missing), projected onto the fields Switchyard sets,
    /// keyed by item key. Throws when the target cannot be read at all.
    func readBack(_ items: [PushItem]) async throws -> [String: JSONValue?]

    /// Who else changed the item: the field managers other than Switchyard's that own any of `fields` (paths as
    /// `ManifestDiff` renders them) of its live object. Empty where the target keeps no such record.
    func otherFieldManagers(of item: PushItem, fields: [String]) async -> [String]

    /// Of these last-applied items (key and stored text), the keys known to be in place as applied without reading
    /// them back, such as a file unchanged since it was written; a drift check reads back only the others.
    func knownInPlace(_ items: [(key: String, storedText: String)]) async -> Set<String>
}

extension Applier {
    public func otherFieldManagers(of item: PushItem, fields: [String]) async -> [String] { [] }

    public func knownInPlace(_ items: [(key: String, storedText: String)]) async -> Set<String> { [] }
}

import SwitchyardAdapters
import SwitchyardCore
import SwitchyardStore

/// One target's items that differ between what was last applied and what is desired.
///
/// A desired item whose stored text is the last-applied record's, character for character, is unchanged without
/// reading that record back; only records that differ (or are released) are parsed and compared as Kubernetes
/// compares (key order aside, `80` equal to `80.0`). A record that does not read back counts as never applied.
struct TargetChanges {
    /// Desired items that are new or differ from what was last applied, in desired order.
    var changed: [PushItem] = []
    /// The last-applied items of the changed and released keys, by key.
    var previous: [String: PushItem] = [:]
    /// Keys last applied that are no longer desired, in last-applied order.
    var released: [String] = []
    /// The last-applied items in `previous`, in last-applied order.
    private var previousOrder: [String] = []

    /// - Parameter read: a record as an item, or nil when it does not read back.
    init(desired: [PushItem], lastApplied: [AppliedObject], read: (AppliedObject) -> PushItem?) {
        // Keys are unique within a target, so each record is read back at most once.
        let records = Dictionary(lastApplied.map { ($0.key, $0) }) { first, _ in first }
        for desiredItem in desired {
            guard let record = records[desiredItem.key] else {
                changed.append(desiredItem)
                continue
            }
            if desiredItem.storedText == record.document { continue }
            guard let previousItem = read(record) else {
                changed.append(desiredItem)
                continue
            }
            if !previousItem.document.isSemanticallyEqual(to: desiredItem.document) {
                changed.append(desiredItem)
                previous[record.key] = previousItem
            }
        }
        let desiredKeys = Set(desired.map(\.key))
        for record in lastApplied where !desiredKeys.contains(record.key) {
            guard let previousItem = read(record) else { continue }
            released.append(record.key)
            previous[record.key] = previousItem
        }
        previousOrder = lastApplied.map(\.key).filter { previous[$0] != nil }
    }

    var isEmpty: Bool { changed.isEmpty && released.isEmpty }

    /// Field by field, what pushing these changes would do: the same diff as of every desired and last-applied
    /// item, since the items left out are equal.
    func diff() throws -> ManifestDiff {
        func comparable(_ item: PushItem) -> JSONValue { TargetDiff.comparable(key: item.key, document: item.document) }
        return try ManifestDiff(
            lastAppliedDocuments: previousOrder.compactMap { previous[$0].map(comparable) },
            desiredDocuments: changed.map(comparable))
    }
}

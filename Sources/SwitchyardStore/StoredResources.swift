import Foundation
import Synchronization

/// One kind's committed resources in name order (byte order, as both engines list them), with what ``Stored`` adds
/// to each value (its entity tag, its row's timestamps as dates), worked out the first time it is asked for and kept.
///
/// A get is a binary search by name, a page a binary search for the cursor and then the page's own items. Units are
/// also grouped by model and by pool, so a filtered page skips only what the filter's group holds.
package struct StoredResources<R: FleetResource>: Sendable {
    /// The row's `created_at` and `updated_at` (RFC 3339 text); turned into dates only for the items served.
    package struct Times: Sendable {
        var createdAt: String
        var updatedAt: String
    }

    /// The values in name order; the committed fleet's ``Fleet`` holds this same array.
    package let values: [R]
    private let times: [Times]
    /// Positions in `values` (ascending) by unit model and by unit pool; empty for kinds that ignore filters.
    private let byModel: [String: [Int]]
    private let byPool: [String: [Int]]
    private let filtered: Bool
    private let served: ServedParts

    /// `values` must be in name order, each with its row's `times`.
    package init(values: [R], times: [Times]) {
        precondition(values.count == times.count, "one row's times per value")
        self.values = values
        self.times = times
        var byModel: [String: [Int]] = [:]
        var byPool: [String: [Int]] = [:]
        var filtered = false
        for (position, value) in values.enumerated() {
            guard let keys = value.filterKeys else { continue }
            filtered = true
            if let model = keys.model { byModel[model, default: []].append(position) }
            if let pool = keys.pool { byPool[pool, default: []].append(position) }
        }
        self.byModel = byModel
        self.byPool = byPool
        self.filtered = filtered
        served = ServedParts(count: values.count)
    }

    /// The resource named `name` (compared byte for byte), or nil.
    package func stored(named name: String) throws -> Stored<R>? {
        let position = Self.firstPosition(in: values.indices, after: name, orEqual: true) { values[$0].name }
        guard position < values.count, values[position].name.utf8.elementsEqual(name.utf8) else { return nil }
        return try stored(at: position)
    }

    /// Up to `limit` resources named after `key` (all when nil) that match `filter`, and whether more follow.
    package func page(filter: ResourceFilter, after key: String?, limit: Int) throws
        -> (items: [Stored<R>], hasMore: Bool)
    {
        let candidates: [Int]
        if filtered, let model = filter.model {
            candidates = byModel[model] ?? []
        } else if filtered, let pool = filter.pool {
            candidates = byPool[pool] ?? []
        } else {
            return try page(of: values.indices, filter: nil, after: key, limit: limit)
        }
        return try page(of: candidates, filter: filter, after: key, limit: limit)
    }

    private func page<Positions: RandomAccessCollection<Int>>(
        of positions: Positions, filter: ResourceFilter?, after key: String?, limit: Int
    ) throws -> (items: [Stored<R>], hasMore: Bool) where Positions.Index == Int {
        var next = positions.startIndex
        if let key {
            next = Self.firstPosition(in: positions.startIndex..<positions.endIndex, after: key, orEqual: false) { values[positions[$0]].name }
        }
        var items: [Stored<R>] = []
        items.reserveCapacity(min(limit, positions.endIndex - next))
        while next < positions.endIndex {
            let position = positions[next]
            next += 1
            if let filter, !Self.matches(values[position], filter) { continue }
            if items.count == limit { return (items, true) }
            items.append(try stored(at: position))
        }
        return (items, false)
    }

    /// Whether a value's model and pool equal the filter's, byte for byte, as the database compares them.
    private static func matches(_ value: R, _ filter: ResourceFilter) -> Bool {
        guard let keys = value.filterKeys else { return true }
        if let model = filter.model, !(keys.model ?? "").utf8.elementsEqual(model.utf8) { return false }
        if let pool = filter.pool, !(keys.pool ?? "").utf8.elementsEqual(pool.utf8) { return false }
        return true
    }

    /// The first index in `range` whose name is after `key` (or equal to it, with `orEqual`) in byte order; the
    /// names along `range` must be in that order.
    private static func firstPosition(
        in range: Range<Int>, after key: String, orEqual: Bool, name: (Int) -> String
    ) -> Int {
        var low = range.lowerBound
        var high = range.upperBound
        while low < high {
            let middle = low + (high - low) / 2
            let candidate = name(middle)
            let before =
                orEqual
                ? candidate.utf8.lexicographicallyPrecedes(key.utf8)
                : !key.utf8.lexicographicallyPrecedes(candidate.utf8)
            if before { low = middle + 1 } else { high = middle }
        }
        return low
    }

    private func stored(at position: Int) throws -> Stored<R> {
        let value = values[position]
        let parts = try served.parts(at: position) {
            ServedParts.Parts(
                etag: try CanonicalJSON.etag(value), createdAt: try Timestamp.date(times[position].createdAt),
                updatedAt: try Timestamp.date(times[position].updatedAt))
        }
        return Stored(value: value, etag: parts.etag, createdAt: parts.createdAt, updatedAt: parts.updatedAt)
    }
}

/// Entity tags and dates by position, each worked out once: the first get or page that serves a resource pays for
/// encoding it and parsing its timestamps, later ones for a lookup, and a load of the fleet (after every commit)
/// pays for none.
private final class ServedParts: Sendable {
    struct Parts: Sendable {
        var etag: String
        var createdAt: Date
        var updatedAt: Date
    }

    private let parts: Mutex<[Parts?]>

    init(count: Int) {
        parts = Mutex(Array(repeating: nil, count: count))
    }

    func parts(at position: Int, compute: () throws -> Parts) throws -> Parts {
        if let known = parts.withLock({ $0[position] }) { return known }
        let made = try compute()
        parts.withLock { $0[position] = made }
        return made
    }
}

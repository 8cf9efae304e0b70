@testable import SwitchyardCore

/// Seeded random JSON trees for differential and round-trip tests: keys unique within an object and numbers with a
/// fraction (so a tree reads back as itself), keys and strings made of one or two of `fragments`.
struct RandomTrees {
    var generator: SeededGenerator
    let fragments: [String]

    init(seed: UInt64, fragments: [String]) {
        generator = SeededGenerator(seed: seed)
        self.fragments = fragments
    }

    /// A non-empty object.
    mutating func document() -> JSONValue {
        .object(members(depth: 0))
    }

    mutating func count(below limit: UInt64) -> Int {
        Int(generator.next() % limit)
    }

    private mutating func members(depth: Int) -> [JSONValue.Member] {
        var keys: [String] = []
        for _ in 0..<(1 + count(below: 4)) {
            let key = fragment()
            if !keys.contains(key) { keys.append(key) }
        }
        return keys.map { JSONValue.Member($0, value(depth: depth + 1)) }
    }

    private mutating func value(depth: Int) -> JSONValue {
        switch count(below: depth < 4 ? 10 : 6) {
        case 0: return .null
        case 1: return .bool(count(below: 2) == 0)
        case 2: return .integer(count(below: 2_000) - 1_000)
        case 3: return .number(Double(count(below: 10_000)) / 64 + 1.0 / 128)
        case 4, 5: return .string(fragment())
        case 6: return .object(count(below: 5) == 0 ? [] : members(depth: depth))
        case 7: return .array([])
        default: return .array((0..<(1 + count(below: 3))).map { _ in value(depth: depth + 1) })
        }
    }

    private mutating func fragment() -> String {
        let first = fragments[count(below: UInt64(fragments.count))]
        guard count(below: 4) == 0 else { return first }
        return first + fragments[count(below: UInt64(fragments.count))]
    }
}

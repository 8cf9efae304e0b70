@testable import SwitchyardCore
import Testing

/// The manifests' own YAML emitter writes exactly what Yams writes for the same trees, which read back as the trees
/// they were; trees with scalars it does not write go through Yams whole.
@Suite("Block YAML emitter")
struct BlockYAMLEmitterTests {
    /// Fragments that exercise every rule of the plain/quoted choice: indicators first, inside and last, `: ` and
    /// ` #`, document markers, typed-looking texts, spaces at either end, quotes to escape.
    static let fragments = [
        "a", "sd21-inf2", "-", "--", "---", "...", "- x", "-x", ":", ":x", ": x", "a:b", "a: b", "a:", "?", "?x", "? x",
        "#", "a#b", "a #b", "a# b", "[x]", "{x}", "x,y", "a]", "&a", "*a", "!a", "|", ">", "'", "it's", "\"q\"", "%",
        "@x", "`x`", " lead", "trail ", "mid dle", "", "10", "-3", "1.5", "0x1F", ".inf", "1e3", "2026-01-01", "<<",
        "=", "12:30", "true", "No", "OFF", "y", "null", "~", "None", "10%", "1024Gi", "720h", "v1", "+1", "--- x",
        "...x", ".5", "0o17", "0b101", "1_000", "~x", "<x", "=x", "a\"b", "a'b", "{\"k\":1}", "/health", "*",
    ]

    @Test("writes what Yams writes for random trees of tricky scalars")
    func matchesYams() throws {
        var generator = SeededGenerator(seed: 20_261_130)
        for round in 0..<400 {
            let documents = (0..<(1 + Int(generator.next() % 3))).map { _ in Self.document(&generator) }
            let ours = try ManifestSerializer.yaml(values: documents)
            let reference = try ManifestSerializer.yamsText(values: documents)
            #expect(ours == reference, "round \(round)")
            #expect(try ManifestSerializer.documents(from: ours) == documents, "round \(round)")
        }
    }

    @Test("a single document without its opening marker is what Yams writes")
    func singleDocument() throws {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<100 {
            let document = Self.document(&generator)
            let ours = try ManifestSerializer.yaml(document: document)
            #expect(ours == (try ManifestSerializer.yamsText(document, explicitStart: false)), "\(ours)")
        }
    }

    @Test("trees with line breaks, tabs or non-ASCII text are written by Yams, in order with the others", arguments: [
        "two\nlines", "tab\there", "naïve", "trailing\n", "emoji 🚀", String(repeating: "k", count: 129),
    ])
    func fallsBackToYams(text: String) throws {
        let plain = JSONValue.object([.init("kind", .string("Plain"))])
        let odd = JSONValue.object([.init("data", .object([.init(text, .string(text))]))])
        var emitter = BlockYAMLEmitter(readsAsString: ManifestSerializer.readsAsString)
        let written = emitter.appendDocument(odd)
        #expect(!written)
        #expect(emitter.text.isEmpty)
        let yaml = try ManifestSerializer.yaml(values: [plain, odd, plain])
        #expect(yaml == (try ManifestSerializer.yamsText(values: [plain, odd, plain])))
        #expect(try ManifestSerializer.documents(from: yaml) == [plain, odd, plain])
    }

    @Test("the demo fleet's manifests are what Yams writes")
    func demoFleet() throws {
        for strategy in [StrategyKind.cost, .capacity] {
            let objects = ManifestRenderer().render(RenderingGoldenTests.demoInput(strategy: strategy)).objects
            let values = try objects.map { try ManifestSerializer.treeValue($0) }
            #expect(try ManifestSerializer.yaml(objects) == ManifestSerializer.yamsText(values: values))
        }
    }

    // MARK: - Random trees

    private static func document(_ generator: inout SeededGenerator) -> JSONValue {
        .object(members(&generator, depth: 0))
    }

    private static func members(_ generator: inout SeededGenerator, depth: Int) -> [JSONValue.Member] {
        // Keys unique within a mapping, as in any tree that reads back as itself.
        var keys: [String] = []
        for _ in 0..<(1 + Int(generator.next() % 4)) {
            let key = fragment(&generator)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys.map { JSONValue.Member($0, value(&generator, depth: depth + 1)) }
    }

    private static func value(_ generator: inout SeededGenerator, depth: Int) -> JSONValue {
        let choice = generator.next() % (depth < 4 ? 10 : 6)
        switch choice {
        case 0: return .null
        case 1: return .bool(generator.next() % 2 == 0)
        case 2: return .integer(Int(generator.next() % 2_000) - 1_000)
        case 3: return .number(Double(Int(generator.next() % 10_000)) / 64 + 1.0 / 128)
        case 4, 5: return .string(fragment(&generator))
        case 6: return .object(generator.next() % 5 == 0 ? [] : members(&generator, depth: depth))
        case 7: return .array([])
        default:
            return .array((0..<(1 + Int(generator.next() % 3))).map { _ in value(&generator, depth: depth + 1) })
        }
    }

    private static func fragment(_ generator: inout SeededGenerator) -> String {
        let first = fragments[Int(generator.next() % UInt64(fragments.count))]
        guard generator.next() % 4 == 0 else { return first }
        return first + fragments[Int(generator.next() % UInt64(fragments.count))]
    }
}

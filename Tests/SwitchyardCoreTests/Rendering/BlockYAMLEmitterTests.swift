@testable import SwitchyardCore
import Testing

/// The manifests' own YAML emitter writes exactly what Yams writes for the same trees, which read back as the trees
/// they were; trees with scalars it does not write go through Yams whole.
@Suite("Block YAML emitter")
struct BlockYAMLEmitterTests {
    /// Fragments that exercise every rule of the plain/quoted choice: indicators first, inside and last, `: ` and
    /// ` #`, document markers, typed-looking texts, spaces at either end, quotes to escape.
    static let fragments: [String] = [
        "a", "sd21-inf2", "-", "--", "---", "...", "- x", "-x", ":", ":x", ": x", "a:b", "a: b", "a:", "?", "?x", "? x",
        "#", "a#b", "a #b", "a# b", "[x]", "{x}", "x,y", "a]", "&a", "*a", "!a", "|", ">", "'", "it's", "\"q\"", "%",
        "@x", "`x`", " lead", "trail ", "mid dle", "", "10", "-3", "1.5", "0x1F", ".inf", "1e3", "2026-01-01", "<<",
        "=", "12:30", "true", "No", "OFF", "y", "null", "~", "None", "10%", "1024Gi", "720h", "v1", "+1", "--- x",
        "...x", ".5", "0o17", "0b101", "1_000", "~x", "<x", "=x", "a\"b", "a'b", "{\"k\":1}", "/health", "*",
    ]

    @Test("writes what Yams writes for random trees of tricky scalars")
    func matchesYams() throws {
        var trees = RandomTrees(seed: 20_261_130, fragments: Self.fragments)
        for round in 0..<400 {
            let documents = (0..<(1 + trees.count(below: 3))).map { _ in trees.document() }
            let ours = try ManifestSerializer.yaml(values: documents)
            let reference = try ManifestSerializer.yamsText(values: documents)
            #expect(ours == reference, "round \(round)")
            #expect(try ManifestSerializer.documents(from: ours) == documents, "round \(round)")
        }
    }

    @Test("a single document without its opening marker is what Yams writes")
    func singleDocument() throws {
        var trees = RandomTrees(seed: 7, fragments: Self.fragments)
        for _ in 0..<100 {
            let document = trees.document()
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
}

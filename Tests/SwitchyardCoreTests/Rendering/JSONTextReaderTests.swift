import Foundation
@testable import SwitchyardCore
import Testing

/// Stored documents and pushed JSON files read back as the trees that were written, key order kept, without the
/// YAML parser; malformed text is refused with where it went wrong.
@Suite("JSON text reader")
struct JSONTextReaderTests {
    static let fragments = BlockYAMLEmitterTests.fragments + [
        "two\nlines", "tab\there", "naïve", "emoji 🚀", "quote\"d", "back\\slash", "ctl\u{01}", "slash/", "\u{7F}",
        "\u{2028}", "日本",
    ]

    @Test("reads back what JSONValue writes, compact and pretty, for random trees")
    func roundTrip() throws {
        var trees = RandomTrees(seed: 11_30, fragments: Self.fragments)
        for round in 0..<400 {
            let document = trees.document()
            for pretty in [false, true] {
                var reader = JSONTextReader(document.jsonText(pretty: pretty))
                #expect(try reader.read() == document, "round \(round)")
            }
        }
    }

    @Test("reads what Foundation writes, escapes and surrogate pairs included")
    func foundationText() throws {
        let text = #"{"b":"\u00e9\ud83d\ude80\n\t\"\\\/","a":[1,-2.5,1e3,1.5E-2,true,false,null,{}],"z":[]}"#
        var reader = JSONTextReader(text)
        let value = try reader.read()
        #expect(value == .object([
            .init("b", .string("é🚀\n\t\"\\/")),
            .init("a", .array([.integer(1), .number(-2.5), .number(1000), .number(0.015), .bool(true), .bool(false), .null, .object([])])),
            .init("z", .array([])),
        ]))
        let big = "[9223372036854775807, 9223372036854775808]"
        var bigReader = JSONTextReader(big)
        #expect(try bigReader.read() == .array([.integer(Int.max), .number(9_223_372_036_854_775_808)]))
    }

    @Test("malformed text is refused, naming the offset", arguments: [
        "", "{", "{\"a\"}", "{\"a\":1,}", "[1,]", "[1 2]", "{a:1}", "\"open", "tru", "nul", "-", "1.", "1e", "[1]x",
        "\"\\x\"", "\"\\u12\"", "\"\\ud83d\"", "\"a\u{01}\"", "{\"a\":1}}",
    ])
    func malformed(text: String) {
        var reader = JSONTextReader(text)
        #expect(throws: RenderingError.self) { try reader.read() }
    }

    @Test("nesting deeper than the limit is refused, not a stack overflow")
    func deepNesting() {
        var reader = JSONTextReader(String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000))
        #expect(throws: RenderingError.self) { try reader.read() }
    }

    @Test("the serializer reads JSON with the reader and YAML with Yams, to the same trees")
    func serializerDispatch() throws {
        var trees = RandomTrees(seed: 3, fragments: BlockYAMLEmitterTests.fragments)
        for _ in 0..<50 {
            let document = trees.document()
            #expect(try ManifestSerializer.documents(from: document.jsonText(pretty: true)) == [document])
            #expect(try ManifestSerializer.documents(from: ManifestSerializer.yaml(values: [document])) == [document])
        }
        let list = #"{"kind":"List","items":[{"kind":"A"},{"kind":"B"}]}"#
        #expect(try ManifestSerializer.documents(from: list).count == 2)
    }
}

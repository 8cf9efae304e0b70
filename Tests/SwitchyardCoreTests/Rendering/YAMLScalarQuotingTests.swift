@testable import SwitchyardCore
import Testing

/// Strings that a YAML reader would take for another type are quoted; every other string stays plain, and each
/// reads back as the string it was.
@Suite("YAML scalar quoting")
struct YAMLScalarQuotingTests {
    @Test("typed-looking strings are quoted, others plain", arguments: [
        ("true", true), ("No", true), ("OFF", true), ("y", true), ("null", true), ("~", true), ("", true),
        ("10", true), ("-3", true), ("1.5", true), ("0x1F", true), (".inf", true), ("1e3", true), ("2026-01-01", true),
        ("<<", true), ("=", true), ("12:30", true),
        ("tolerations", false), ("nodeSelector", false), ("on-demand", false), ("yes-please", false), ("None", false),
        ("sd21-inf2", false), ("10%", false), ("-name", false), ("1024Gi", false), ("720h", false), ("v1", false),
    ] as [(String, Bool)])
    func quoting(text: String, quoted: Bool) throws {
        let yaml = try ManifestSerializer.yaml(values: [.object([.init("k", .string(text))])])
        #expect(yaml == "---\nk: \(quoted ? "'\(text)'" : text)\n")
        #expect(try ManifestSerializer.documents(from: yaml) == [.object([.init("k", .string(text))])])
    }
}

import Foundation
import SwitchyardCore
import Testing

@Suite("Rendering: numbers in their shortest plain form, read back exactly")
struct RenderingNumberTests {
    struct Sample: Codable {
        var value: Double
    }

    static func yaml(_ value: Double) throws -> String {
        try ManifestSerializer.yaml(document: Sample(value: value))
    }

    static func json(_ value: Double) throws -> String {
        try ManifestSerializer.treeValue(Sample(value: value)).jsonText(pretty: false)
    }

    @Test(
        "ordinary numbers read as a person writes them, whole ones without a fraction",
        arguments: [
            (900.0, "900"), (1.006, "1.006"), (24.0, "24"), (0.1, "0.1"), (0.0, "0"), (-2.5, "-2.5"),
            (123456789.125, "123456789.125"), (0.0001, "0.0001"), (9007199254740992.0, "9007199254740992"),
        ])
    func plainForm(value: Double, text: String) throws {
        #expect(try Self.yaml(value) == "value: \(text)\n")
        #expect(try Self.json(value) == #"{"value":\#(text)}"#)
    }

    @Test("beyond plain digits' reach: exponent form, with a dot in YAML so YAML 1.1 readers see a float too")
    func exponentForm() throws {
        #expect(try Self.json(1e21) == #"{"value":1e+21}"#)
        #expect(try Self.yaml(1e21) == "value: 1.0e+21\n")
        #expect(try Self.yaml(1e-7) == "value: 1.0e-07\n")
        #expect(try Self.yaml(1.5e-7) == "value: 1.5e-07\n")
        #expect(try Self.yaml(-0.0) == "value: -0.0\n")
    }

    @Test(
        "awkward numbers read back bit for bit from YAML and JSON",
        arguments: [
            0.1, 1e-7, 1e21, 123456789.125, -0.0, 0.0, 0.30000000000000004, 1e-5, 1e16, 9007199254740994.0,
            1234567.0000001, 5e-324, 2.2250738585072014e-308, -1e-300, Double.greatestFiniteMagnitude,
            -Double.greatestFiniteMagnitude, 1.006, 24,
        ])
    func roundTrip(value: Double) throws {
        let yaml = try Self.yaml(value)
        let fromYAML = try ManifestSerializer.documents(from: yaml).first?["value"]?.numberValue
        #expect(fromYAML?.bitPattern == value.bitPattern, "\(yaml)")
        let json = try Self.json(value)
        #expect(try JSONDecoder().decode(Sample.self, from: Data(json.utf8)).value.bitPattern == value.bitPattern, "\(json)")
        if (1e-4..<9007199254740992).contains(value.magnitude) {
            #expect(!yaml.dropFirst("value: ".count).contains("e"), "\(yaml)")
            #expect(!json.dropFirst(#"{"value":"#.count).contains("e"), "\(json)")
        }
    }
}

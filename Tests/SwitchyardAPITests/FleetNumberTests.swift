import Foundation
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing
import Yams

@testable import SwitchyardAPI

@Suite("Numbers in fleet documents: as a person writes them, read back exactly")
struct FleetNumberTests {
    @Test("the demo fleet exports 900, 1.006 and 24 in YAML and in JSON, never an exponent")
    func demoExport() async throws {
        let harness = try await APIHarness.make()
        _ = try await harness.database.importFleet(
            DemoFleet.fleet, dryRun: false, context: ChangeContext(actor: "test", requestID: "demo"))
        let (yaml, json) = try await harness.run { client in
            let yaml = try await client.send(
                .get, "/v1/export", token: harness.viewer, headers: ["Accept": "application/yaml"])
            let json = try await client.send(.get, "/v1/export", token: harness.viewer)
            return (yaml.text, json.text)
        }
        for line in ["    latencyThresholdMs: 900", "    maxErrorRate: 0.01", "  expectedDemandRPS: 300",
                     "    hourlyUSD: 1.006", "    memoryGiB: 24", "  memoryGiB: 16", "    utilization: 0.2"] {
            #expect(yaml.contains("\n\(line)\n"), "\(line)")
        }
        for line in [#""latencyThresholdMs" : 900,"#, #""maxErrorRate" : 0.01,"#, #""hourlyUSD" : 1.006,"#,
                     #""memoryGiB" : 24,"#] {
            #expect(json.contains(line), "\(line)")
        }
        let exponent = try Regex(#": -?[0-9.]+[eE]"#)
        #expect(!yaml.contains(exponent))
        #expect(!json.contains(exponent))
    }

    struct Sample: Codable {
        var value: Double
    }

    @Test(
        "awkward numbers in a YAML document read back bit for bit, by the API and by the command line",
        arguments: [
            0.1, 1e-7, 1e21, 123456789.125, -0.0, 0.30000000000000004, 1e16, 5e-324, Double.greatestFiniteMagnitude,
            900, 1.006, 24,
        ])
    func yamlRoundTrip(value: Double) throws {
        let yaml = try YAMLBody.encode(Sample(value: value))
        let tree = try YAMLBody.json(fromYAML: yaml)
        let viaAPI = try JSONDecoder().decode(Sample.self, from: Data(tree.jsonText(pretty: false).utf8))
        #expect(viaAPI.value.bitPattern == value.bitPattern, "\(yaml)")
        #expect(try YAMLDecoder().decode(Sample.self, from: yaml).value.bitPattern == value.bitPattern, "\(yaml)")
    }
}

import Foundation
import HTTPTypes
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing
import Yams

@testable import SwitchyardAPI

@Suite("Import and export of whole fleets")
struct FleetDocumentTests {
    @Test("a dry run reports what would change and stores nothing; the real import stores it all; again is unchanged")
    func dryRunThenImport() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            let dry = try await client.send(.post, "/v1/import?dryRun=true", token: token, json: SeedFleet.fleet)
            #expect(dry.status == .ok)
            let dryReport = try dry.decode(ImportReport.self)
            #expect(dryReport.dryRun)
            let resourceCount = SeedFleet.fleet.models.count + SeedFleet.instanceTypes.count + SeedFleet.pools.count
                + SeedFleet.units.count
            #expect(dryReport.created.count == resourceCount)
            #expect(try await client.send(.get, "/v1/models/sd21", token: token).status == .notFound)

            let real = try await client.send(.post, "/v1/import", token: token, json: SeedFleet.fleet)
            #expect(real.status == .ok)
            let report = try real.decode(ImportReport.self)
            #expect(!report.dryRun)
            #expect(Set(report.created) == Set(dryReport.created))
            #expect(report.benchmarkRunsAdded == 1)
            #expect(try await client.send(.get, "/v1/units/sd21-g6-triton", token: token).status == .ok)

            let again = try await client.send(.post, "/v1/import", token: token, json: SeedFleet.fleet)
            let againReport = try again.decode(ImportReport.self)
            #expect(againReport.created.isEmpty)
            #expect(againReport.updated.isEmpty)
            #expect(againReport.unchanged.count == report.created.count)
            #expect(againReport.benchmarkRunsAdded == 0)
        }
    }

    @Test("an import with one bad resource stores none of it and names the field")
    func allOrNothing() async throws {
        let harness = try await APIHarness.make()
        let fleet: Fleet = {
            var fleet = SeedFleet.fleet
            fleet.units[3].pool = "missing-pool"
            return fleet
        }()
        try await harness.run { client in
            let response = try await client.send(.post, "/v1/import", token: harness.operatorToken, json: fleet)
            #expect(response.status == .unprocessableContent)
            let problem = try response.problem()
            #expect(problem.code == "validation-failed")
            #expect(problem.violations?.contains { $0.field == "units[3].pool" } == true)
            for path in ["/v1/models/sd21", "/v1/pools/neuron", "/v1/units/sd21-inf2", "/v1/instance-types/g5.xlarge"] {
                #expect(try await client.send(.get, path, token: harness.viewer).status == .notFound, "\(path)")
            }
            let audit = try await client.send(.get, "/v1/audit?kind=model", token: harness.viewer)
            #expect(try audit.decode(Components.Schemas.AuditEventList.self).items.isEmpty)
        }
    }

    @Test("a YAML fleet imports like the JSON one")
    func yamlImport() async throws {
        let harness = try await APIHarness.make()
        let yaml = try YAMLEncoder().encode(SeedFleet.fleet)
        try await harness.run { client in
            let response = try await client.send(
                .post, "/v1/import", token: harness.operatorToken, body: yaml, contentType: "application/yaml")
            #expect(response.status == .ok)
            #expect(try response.decode(ImportReport.self).created.count == 12)
        }
    }

    @Test("export, import into a fresh database, export again: the same bytes, in JSON and in YAML")
    func roundTrip() async throws {
        let first = try await APIHarness.make()
        let (json, yaml) = try await first.run { client in
            _ = try await client.send(.post, "/v1/import", token: first.operatorToken, json: SeedFleet.fleet)
            let json = try await client.send(.get, "/v1/export", token: first.viewer)
            #expect(json.status == .ok)
            #expect(json.headers[.contentType]?.hasPrefix("application/json") == true)
            let yaml = try await client.send(
                .get, "/v1/export", token: first.viewer, headers: ["Accept": "application/yaml"])
            #expect(yaml.status == .ok)
            #expect(yaml.headers[.contentType]?.hasPrefix("application/yaml") == true)
            return (json.text, yaml.text)
        }
        let exported = try JSONDecoder().decode(Fleet.self, from: Data(json.utf8))
        #expect(exported.units.map(\.name).sorted() == SeedFleet.units.map(\.name).sorted())
        #expect(exported.benchmarks.map(\.samples) == SeedFleet.benchmarks.map(\.samples))
        #expect(try YAMLDecoder().decode(Fleet.self, from: yaml) == exported)

        let second = try await APIHarness.make()
        let (jsonAgain, yamlAgain) = try await second.run { client in
            let imported = try await client.send(
                .post, "/v1/import", token: second.operatorToken, body: json, contentType: "application/json")
            #expect(imported.status == .ok)
            let json = try await client.send(.get, "/v1/export", token: second.viewer)
            let yaml = try await client.send(
                .get, "/v1/export", token: second.viewer, headers: ["Accept": "application/yaml"])
            return (json.text, yaml.text)
        }
        #expect(jsonAgain == json)
        #expect(yamlAgain == yaml)
    }
}

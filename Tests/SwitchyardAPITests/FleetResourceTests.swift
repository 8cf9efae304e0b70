import HTTPTypes
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Fleet resources: create, replace, read, list, delete")
struct FleetResourceTests {
    static let outcome = HTTPField.Name("X-Switchyard-Outcome")!

    /// Puts the seed's model, instance types and pools, in the order references need.
    static func putSupport(_ client: HTTPClient, token: String) async throws {
        _ = try await client.send(.put, "/v1/models/sd21", token: token, json: SeedFleet.model)
        for type in SeedFleet.instanceTypes {
            _ = try await client.send(.put, "/v1/instance-types/\(type.name)", token: token, json: type)
        }
        for pool in SeedFleet.pools {
            _ = try await client.send(.put, "/v1/pools/\(pool.name)", token: token, json: pool)
        }
    }

    @Test("PUT creates (201), repeats as unchanged (200, same ETag), replaces (200, new ETag); GET agrees")
    func putIsIdempotent() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            let created = try await client.send(.put, "/v1/models/sd21", token: token, json: SeedFleet.model)
            #expect(created.status == .created)
            #expect(created.headers[Self.outcome] == "created")
            #expect(created.headers[.location] == "/v1/models/sd21")
            let firstTag = try #require(created.headers[.eTag])
            #expect(try created.decode(ServedModel.self) == SeedFleet.model)

            let again = try await client.send(.put, "/v1/models/sd21", token: token, json: SeedFleet.model)
            #expect(again.status == .ok)
            #expect(again.headers[Self.outcome] == "unchanged")
            #expect(again.headers[.eTag] == firstTag)

            var changed = SeedFleet.model
            changed.expectedDemandRPS = 450
            let replaced = try await client.send(.put, "/v1/models/sd21", token: token, json: changed)
            #expect(replaced.status == .ok)
            #expect(replaced.headers[Self.outcome] == "updated")
            let secondTag = try #require(replaced.headers[.eTag])
            #expect(secondTag != firstTag)

            let read = try await client.send(.get, "/v1/models/sd21", token: harness.viewer)
            #expect(read.status == .ok)
            #expect(read.headers[.eTag] == secondTag)
            #expect(try read.decode(ServedModel.self).expectedDemandRPS == 450)
        }
    }

    @Test("If-Match: a stale tag answers 412 and changes nothing; the current tag lets the write through")
    func ifMatch() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            let created = try await client.send(.put, "/v1/models/sd21", token: token, json: SeedFleet.model)
            let staleTag = try #require(created.headers[.eTag])
            var changed = SeedFleet.model
            changed.expectedDemandRPS = 10
            let updated = try await client.send(
                .put, "/v1/models/sd21", token: token, json: changed, headers: ["If-Match": staleTag])
            #expect(updated.status == .ok)
            let currentTag = try #require(updated.headers[.eTag])

            changed.expectedDemandRPS = 20
            let stale = try await client.send(
                .put, "/v1/models/sd21", token: token, json: changed, headers: ["If-Match": staleTag])
            #expect(stale.status == .preconditionFailed)
            let problem = try stale.problem()
            #expect(problem.code == "precondition-failed")
            #expect(problem.field == "If-Match")
            #expect(stale.headers[.eTag] == currentTag)
            let unchanged = try await client.send(.get, "/v1/models/sd21", token: token)
            #expect(try unchanged.decode(ServedModel.self).expectedDemandRPS == 10)

            let staleDelete = try await client.send(
                .delete, "/v1/models/sd21", token: token, headers: ["If-Match": staleTag])
            #expect(staleDelete.status == .preconditionFailed)
            let delete = try await client.send(
                .delete, "/v1/models/sd21", token: token, headers: ["If-Match": currentTag])
            #expect(delete.status == .noContent)
        }
    }

    @Test("DELETE answers 409 naming the referrers while a unit uses the model, then 204 once it is gone")
    func deleteReferenced() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            try await Self.putSupport(client, token: token)
            let unit = SeedFleet.units[0]
            #expect(try await client.send(.put, "/v1/units/\(unit.name)", token: token, json: unit).status == .created)

            let refused = try await client.send(.delete, "/v1/models/sd21", token: token)
            #expect(refused.status == .conflict)
            let problem = try refused.problem()
            #expect(problem.code == "referenced")
            #expect(problem.references == [ResourceRef(kind: .unit, name: unit.name)])

            #expect(try await client.send(.delete, "/v1/units/\(unit.name)", token: token).status == .noContent)
            #expect(try await client.send(.delete, "/v1/models/sd21", token: token).status == .noContent)
            let gone = try await client.send(.get, "/v1/models/sd21", token: token)
            #expect(gone.status == .notFound)
            #expect(try gone.problem().code == "not-found")
        }
    }

    @Test("lists page by cursor in name order, and units filter by model and pool")
    func listing() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            try await Self.putSupport(client, token: token)
            for unit in SeedFleet.units {
                _ = try await client.send(.put, "/v1/units/\(unit.name)", token: token, json: unit)
            }
            var names: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let query = cursor.map { "?limit=2&cursor=\($0)" } ?? "?limit=2"
                let response = try await client.send(.get, "/v1/units\(query)", token: harness.viewer)
                #expect(response.status == .ok)
                let page = try response.decode(Components.Schemas.DeploymentUnitList.self)
                #expect(page.items.count <= 2)
                names += page.items.map(\.name)
                cursor = page.nextCursor
                pages += 1
            } while cursor != nil && pages < 10
            #expect(names == SeedFleet.units.map(\.name).sorted())
            #expect(pages == 3)

            let nvidia = try await client.send(.get, "/v1/units?pool=nvidia", token: harness.viewer)
            let nvidiaNames = try nvidia.decode(Components.Schemas.DeploymentUnitList.self).items.map(\.name)
            #expect(nvidiaNames == ["sd21-g5-cuda", "sd21-g5-triton", "sd21-g6-triton"])
            let otherModel = try await client.send(.get, "/v1/units?model=llama", token: harness.viewer)
            #expect(try otherModel.decode(Components.Schemas.DeploymentUnitList.self).items.isEmpty)
        }
    }

    @Test("a YAML body is accepted and the documented defaults apply")
    func yamlBody() async throws {
        let harness = try await APIHarness.make()
        let yaml = """
            name: sd21
            slo:
              latencyThresholdMs: 900
            expectedDemandRPS: 120
            """
        try await harness.run { client in
            let response = try await client.send(
                .put, "/v1/models/sd21", token: harness.operatorToken, body: yaml, contentType: "application/yaml")
            #expect(response.status == .created)
            let model = try response.decode(ServedModel.self)
            #expect(model.slo.latencyThresholdMs == 900)
            #expect(model.slo.latencyPercentile == .p95)
            #expect(model.routing.defaultStrategy == .cost)
            #expect(model.expectedDemandRPS == 120)
        }
    }

    @Test("benchmark runs are appended with an id, listed, and deleted one at a time")
    func benchmarks() async throws {
        let harness = try await APIHarness.make()
        try await harness.run { client in
            let token = harness.operatorToken
            try await Self.putSupport(client, token: token)
            let unit = SeedFleet.units[0]
            _ = try await client.send(.put, "/v1/units/\(unit.name)", token: token, json: unit)
            var run = SeedFleet.benchmarks[0]
            run.id = 999

            let appended = try await client.send(.post, "/v1/units/\(unit.name)/benchmarks", token: token, json: run)
            #expect(appended.status == .created)
            let stored = try appended.decode(BenchmarkRun.self)
            let id = try #require(stored.id)
            #expect(id != 999)
            #expect(stored.samples == run.samples)
            #expect(appended.headers[.location] == "/v1/units/\(unit.name)/benchmarks/\(id)")

            let listed = try await client.send(.get, "/v1/units/\(unit.name)/benchmarks", token: harness.viewer)
            #expect(try listed.decode(Components.Schemas.BenchmarkRunList.self).items.map(\.id) == [id])

            let wrongUnit = try await client.send(.post, "/v1/units/sd21-trn1/benchmarks", token: token, json: run)
            #expect(wrongUnit.status == .unprocessableContent)
            #expect(try wrongUnit.problem().field == "unit")

            let deleted = try await client.send(.delete, "/v1/units/\(unit.name)/benchmarks/\(id)", token: token)
            #expect(deleted.status == .noContent)
            let again = try await client.send(.delete, "/v1/units/\(unit.name)/benchmarks/\(id)", token: token)
            #expect(again.status == .notFound)
            let empty = try await client.send(.get, "/v1/units/\(unit.name)/benchmarks", token: harness.viewer)
            #expect(try empty.decode(Components.Schemas.BenchmarkRunList.self).items.isEmpty)
        }
    }
}

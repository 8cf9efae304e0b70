import Foundation
import HummingbirdTesting
import SwitchyardCore
import SwitchyardStore
import Testing

@testable import SwitchyardAPI

@Suite("Plans, ratings and what-if questions")
struct PlanningTests {
    /// Runs `body` against a server holding the seed fleet.
    static func withSeedFleet(_ body: @Sendable @escaping (HTTPClient, APIHarness) async throws -> Void) async throws {
        let harness = try await APIHarness.make()
        _ = try await harness.database.importFleet(
            SeedFleet.fleet, dryRun: false, context: ChangeContext(actor: "test", requestID: "seed"))
        try await harness.run { client in try await body(client, harness) }
    }

    @Test("capacity: seed 004's Table 2, adjusted throughput min(sum/N, max) turned into weights summing to 100")
    func capacityPlan() async throws {
        try await Self.withSeedFleet { client, harness in
            let response = try await client.send(.get, "/v1/models/sd21/plan?strategy=capacity", token: harness.viewer)
            #expect(response.status == .ok)
            let plan = try response.decode(RoutingPlan.self)
            #expect(plan.strategy == .capacity)
            #expect(plan.entries.map(\.weight).reduce(0, +) == 100)
            let points = SeedFleet.breakingPoints
            let target = points.values.reduce(0, +) / Double(points.count)
            let adjusted = points.mapValues { min(target, $0) }
            let total = adjusted.values.reduce(0, +)
            for entry in plan.entries {
                let share = try #require(adjusted[entry.unit]) / total * 100
                #expect(abs(Double(entry.weight) - share) < 1, "\(entry.unit): \(entry.weight) vs \(share)")
                #expect(entry.breakingPointRPS == points[entry.unit])
            }
            #expect(plan.weight(of: "sd21-inf2") == plan.weight(of: "sd21-trn1"))
            #expect(plan.weight(of: "sd21-trn1") == plan.weight(of: "sd21-g5-triton"))
            #expect(plan.weight(of: "sd21-g5-triton") > plan.weight(of: "sd21-g6-triton"))
        }
    }

    @Test("cost (the model's default): the cheapest inference gets the most weight; costs are per 1,000 inferences")
    func costPlan() async throws {
        try await Self.withSeedFleet { client, harness in
            let response = try await client.send(.get, "/v1/models/sd21/plan", token: harness.viewer)
            #expect(response.status == .ok)
            let plan = try response.decode(RoutingPlan.self)
            #expect(plan.strategy == .cost)
            let inf2 = try #require(plan.entries.first { $0.unit == "sd21-inf2" })
            // Table 1: $0.7582 per hour at 105 inferences per second.
            #expect(abs(inf2.costPer1kInferencesUSD - 0.7582 / (105 * 3600) * 1000) < 1e-9)
            let byCost = plan.entries.sorted { $0.costPer1kInferencesUSD < $1.costPer1kInferencesUSD }
            #expect(byCost.map(\.unit) == ["sd21-inf2", "sd21-trn1", "sd21-g5-triton", "sd21-g6-triton", "sd21-g5-cuda"])
            for (cheaper, dearer) in zip(byCost, byCost.dropFirst()) {
                #expect(cheaper.weight >= dearer.weight)
            }
        }
    }

    @Test("optimal at a given demand plans replicas that carry it")
    func optimalPlan() async throws {
        try await Self.withSeedFleet { client, harness in
            let response = try await client.send(
                .get, "/v1/models/sd21/plan?strategy=optimal&demand=400&headroom=0.1", token: harness.viewer)
            #expect(response.status == .ok)
            let plan = try response.decode(RoutingPlan.self)
            #expect(plan.demandRPS == 400)
            #expect(plan.headroom == 0.1)
            let capacity = plan.entries.reduce(0.0) { $0 + Double($1.replicas ?? 0) * $1.breakingPointRPS }
            #expect(capacity >= 440)
            #expect(plan.totals.hourlyCostUSD > 0)
        }
    }

    @Test("a unit's rating explains its breaking point")
    func rating() async throws {
        try await Self.withSeedFleet { client, harness in
            let response = try await client.send(.get, "/v1/units/sd21-g6-triton/rating", token: harness.viewer)
            #expect(response.status == .ok)
            let rating = try response.decode(UnitRating.self)
            #expect(rating.breakingPointRPS == 61)
            #expect(rating.source == .manual)
            #expect(!rating.explanation.isEmpty)
            let missing = try await client.send(.get, "/v1/units/nothing/rating", token: harness.viewer)
            #expect(missing.status == .notFound)
        }
    }

    @Test("what-if: a short pool and a price change reshape the plan, and nothing is stored or audited")
    func whatIf() async throws {
        try await Self.withSeedFleet { client, harness in
            let eventsBefore = try await harness.database.auditEvents(AuditFilter(), limit: 1000).items.count
            let question = WhatIfQuestion(
                model: "sd21", strategy: .cost, demandRPS: nil, headroom: nil,
                overrides: .init(
                    prices: [.init(instanceType: "g6.xlarge", region: "us-west-2", capacityType: .onDemand, hourlyUSD: 0.1)],
                    shortPools: ["neuron"], breakingPoints: ["sd21-g5-cuda": 120]))
            let response = try await client.send(.post, "/v1/what-if", token: harness.viewer, json: question)
            #expect(response.status == .ok)
            let plan = try response.decode(RoutingPlan.self)
            let excluded = Dictionary(uniqueKeysWithValues: plan.excluded.map { ($0.unit, $0.reason) })
            #expect(excluded["sd21-inf2"] == .poolShort)
            #expect(excluded["sd21-trn1"] == .poolShort)
            #expect(plan.weight(of: "sd21-inf2") == 0)
            let g6 = try #require(plan.entries.first { $0.unit == "sd21-g6-triton" })
            #expect(plan.entries.allSatisfy { $0.weight <= g6.weight })
            #expect(plan.entries.first { $0.unit == "sd21-g5-cuda" }?.breakingPointRPS == 120)

            let stored = try await client.send(.get, "/v1/instance-types/g6.xlarge", token: harness.viewer)
            #expect(try stored.decode(InstanceType.self).prices.first?.hourlyUSD == 0.8048)
            let eventsAfter = try await harness.database.auditEvents(AuditFilter(), limit: 1000).items.count
            #expect(eventsAfter == eventsBefore)
        }
    }

    @Test("what-if refuses overrides that name nothing, naming the field")
    func whatIfValidation() async throws {
        try await Self.withSeedFleet { client, harness in
            let question = WhatIfQuestion(
                model: "sd21", strategy: nil, demandRPS: nil, headroom: nil,
                overrides: .init(prices: nil, shortPools: ["atlantis"], breakingPoints: nil))
            let response = try await client.send(.post, "/v1/what-if", token: harness.viewer, json: question)
            #expect(response.status == .unprocessableContent)
            #expect(try response.problem().field == "overrides.shortPools[0]")

            let unknownModel = WhatIfQuestion(model: "nope", strategy: nil, demandRPS: nil, headroom: nil, overrides: nil)
            let missing = try await client.send(.post, "/v1/what-if", token: harness.viewer, json: unknownModel)
            #expect(missing.status == .notFound)
        }
    }
}

import Foundation
import SwitchyardCore
import Testing

@Suite("Node warnings in plans and units")
struct NodeWarningsTests {
    static let t0 = Date(timeIntervalSince1970: 1_700_000_000)

    static func warning(_ node: String, _ units: [NodeWarning.UnitOnNode]) -> NodeWarning {
        NodeWarning(
            node: node, pool: "amd-neuron", capacityType: .spot, reason: "SpotInterrupted", observedAt: t0,
            expiresAt: t0.addingTimeInterval(720), evidence: "Node \(node): warned", units: units)
    }

    static var plan: RoutingPlan {
        RoutingPlanner().plan(PlanningInput(fleet: DemoFleet.fleet, model: DemoFleet.model, strategy: .cost))
    }

    @Test("a warned unit keeps the share of its replicas off the node; the other units keep their weights")
    func shareMoves() throws {
        let plan = Self.plan
        let warnings = NodeWarnings([Self.warning("ip-1", [.init(unit: "sd21-inf2", pods: 1, readyReplicas: 4)])])
        let moved = warnings.applied(to: plan)
        let before = try #require(plan.entries.first { $0.unit == "sd21-inf2" })
        let after = try #require(moved.entries.first { $0.unit == "sd21-inf2" })
        #expect(after.weight == before.weight * 3 / 4)
        #expect(after.reasons.last?.contains("1 of 4 ready replicas on warned node ip-1") == true)
        for entry in plan.entries where entry.unit != "sd21-inf2" {
            #expect(moved.entries.first { $0.unit == entry.unit }?.weight == entry.weight)
        }
    }

    @Test("two warned nodes of one unit add up; a unit with every replica warned gets no traffic")
    func everyReplicaWarned() throws {
        let warnings = NodeWarnings([
            Self.warning("ip-1", [.init(unit: "sd21-inf2", pods: 1, readyReplicas: 2)]),
            Self.warning("ip-2", [.init(unit: "sd21-inf2", pods: 1, readyReplicas: 2)]),
        ])
        let moved = warnings.applied(to: Self.plan)
        #expect(moved.entries.first { $0.unit == "sd21-inf2" }?.weight == 0)
        #expect(moved.entries.contains { $0.weight > 0 })
    }

    @Test("with nowhere warm to move to, the plan is kept as it is")
    func nowhereToMove() {
        let plan = Self.plan
        let every = plan.entries.map { NodeWarning.UnitOnNode(unit: $0.unit, pods: 1, readyReplicas: 1) }
        #expect(NodeWarnings([Self.warning("ip-1", every)]).applied(to: plan) == plan)
    }

    @Test("a warned unit asks for one replica more per pod on the node, within its maximum; others are unchanged")
    func replacementAskedFor() throws {
        let warnings = NodeWarnings([Self.warning("ip-1", [.init(unit: "sd21-inf2", pods: 2, readyReplicas: 9)])])
        var inf2 = try #require(DemoFleet.units.first { $0.name == "sd21-inf2" })
        #expect(warnings.applied(to: inf2).minReplicas == 10)
        inf2.maxReplicas = 8
        #expect(warnings.applied(to: inf2).minReplicas == 8)
        let trn1 = try #require(DemoFleet.units.first { $0.name == "sd21-trn1" })
        #expect(warnings.applied(to: trn1) == trn1)
    }
}

import Foundation
@testable import SwitchyardCore
import Testing

@Suite("Replay with spot interruptions and reservations")
struct ReplaySpotTests {
    /// The spot scenario cut to its first `hours`.
    static func spot(hours: Double, reserved: Bool = false) -> ReplayScenario {
        var scenario = reserved ? ReferenceScenario.spotReserved : ReferenceScenario.spot
        scenario.durationSeconds = hours * 3600
        scenario.demand = DemandTrace(points: scenario.demand.points.filter { $0.t <= hours * 3600 })
        return scenario
    }

    @Test("every step conserves demand: served + dropped = demand, with nodes reclaimed",
          arguments: [ReplayStrategy.staticCost, .switchyardOptimal, .switchyardAdaptive])
    func conservation(strategy: ReplayStrategy) throws {
        var scenario = Self.spot(hours: 16)
        scenario.spotInterruptions?.ratesPerHour = ["amd-neuron": 0.5]
        let steps = try ReplaySimulator().steps(scenario, strategy: strategy)
        #expect(steps.reduce(0) { $0 + $1.interruptions } > 0)
        for step in steps {
            #expect(abs(step.servedTotalRPS + step.droppedRPS - step.demandRPS) < 1e-6)
            #expect(step.servedRPS.allSatisfy { $0 >= 0 })
        }
    }

    @Test("a warned node serves out its notice, its replacement is paid from the warning, and it is gone after")
    func warnedNode() {
        var replicas = UnitReplicas(ready: 3)
        replicas.warn(at: 100, notice: 120, replacementDelay: 720)
        #expect(replicas.nodes == 4)
        #expect(replicas.safe == 2)
        #expect(replicas.isInterrupted)
        replicas.promote(at: 210)
        #expect(replicas.ready == 3)
        replicas.promote(at: 220)
        #expect(replicas.ready == 2)
        #expect(replicas.isInterrupted)
        replicas.promote(at: 820)
        #expect(replicas.ready == 3)
        #expect(!replicas.isInterrupted)
    }

    @Test("Switchyard moves a warned node's share to the other units at once")
    func movedWeights() {
        var warned = UnitReplicas(ready: 2)
        warned.warn(at: 0, notice: 120, replacementDelay: 720)
        let weights = SpotReclaimer.weights([60, 40], around: [warned, UnitReplicas(ready: 2)])
        #expect(weights == [30, 40])
        #expect(SpotReclaimer.weights([60, 40], around: [UnitReplicas(ready: 2), UnitReplicas(ready: 2)]) == [60, 40])
    }

    @Test("a reclaim at a given time warns one serving node of its unit")
    func explicitReclaim() throws {
        var scenario = Self.spot(hours: 16)
        scenario.spotInterruptions = SpotInterruptions(reclaims: [SpotReclaim(t: 14 * 3600, unit: "sd21-inf2-spot")])
        let fleet = try ReplayFleet(scenario)
        let index = try #require(fleet.units.firstIndex { $0.name == "sd21-inf2-spot" })
        let steps = try ReplaySimulator().steps(scenario, strategy: .switchyardAdaptive)
        let warned = try #require(steps.firstIndex { $0.interruptions > 0 })
        #expect(steps[warned].t == 14 * 3600)
        #expect(steps.reduce(0) { $0 + $1.interruptions } == 1)
        #expect(steps[warned - 1].readyReplicas[index] > 0)
        #expect(steps[warned].nodes[index] > steps[warned].readyReplicas[index])
        let window = steps[warned...].prefix(13)
        #expect(window.allSatisfy { $0.interrupted })
    }

    @Test("with a spare spot node, the adaptive strategy drops nothing while a spot node is reclaimed, night or day")
    func spareCarriesReclaims() throws {
        var scenario = Self.spot(hours: 16)
        #expect(scenario.fleet.models.first?.spot.spareNodes == 1)
        scenario.spotInterruptions = SpotInterruptions(reclaims: [
            SpotReclaim(t: 3 * 3600, unit: "sd21-inf2-spot"), SpotReclaim(t: 14 * 3600, unit: "sd21-inf2-spot"),
        ])
        let steps = try ReplaySimulator().steps(scenario, strategy: .switchyardAdaptive)
        #expect(steps.reduce(0) { $0 + $1.interruptions } == 2)
        let interrupted = steps.filter(\.interrupted)
        #expect(interrupted.count >= 26)
        #expect(interrupted.allSatisfy { $0.droppedRPS < 1e-9 })
        // Without the spare, the night's reclaim drops traffic until its replacement serves.
        var bare = scenario
        bare.fleet.models = bare.fleet.models.map { model in
            var model = model
            model.spot.spareNodes = 0
            return model
        }
        let bareSteps = try ReplaySimulator().steps(bare, strategy: .switchyardAdaptive)
        #expect(bareSteps.filter(\.interrupted).contains { $0.droppedRPS > 0 })
    }

    @Test("seeded draws give the same reclaims every time")
    func deterministic() throws {
        let scenario = Self.spot(hours: 8)
        let first = try ReplaySimulator().run(scenario, strategies: [.switchyardAdaptive])
        let second = try ReplaySimulator().run(scenario, strategies: [.switchyardAdaptive])
        #expect(first == second)
        #expect(first.results.first?.allOnDemandCostUSD != nil)
    }

    @Test("the reservation's instances serve, at no cost by the hour, before any node is paid for")
    func reservationFirst() throws {
        let report = try ReplaySimulator().run(Self.spot(hours: 12, reserved: true), strategies: [.switchyardAdaptive])
        let result = try #require(report.results.first)
        // The second instance idles only while one carries the night's demand and nothing is paid for.
        #expect(result.reservedBusyShare.map { $0 > 0.5 } == true)
        #expect(result.paidNodeHoursWithReservationIdle == 0)
    }
}

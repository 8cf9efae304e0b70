import Foundation
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// The live adaptive loop over the store and the apply pipeline: demand samples in, transitions pushed step by
/// step with their audit events, the routing in force what manifests, diff and the next pass all read.
@Suite("Adaptive controller")
struct AdaptiveControllerTests {
    /// Ready replicas set by the test; nil reports unknown readiness.
    final class ScriptedReadiness: ReadyReplicasSource, @unchecked Sendable {
        private let lock = NSLock()
        private var ready: [String: Int]

        init(_ ready: [String: Int]) { self.ready = ready }

        func set(_ ready: [String: Int]) { lock.withLock { self.ready = ready } }

        func readyReplicas(of units: [DeploymentUnit]) async throws -> [String: Int]? { lock.withLock { ready } }
    }

    struct Setup {
        var database: AppDatabase
        var apply: ApplyService
        var directory: URL
    }

    func setup() async throws -> Setup {
        var fleet = ControlFixtures.fleet(applier: .files)
        fleet.models = fleet.models.map { model in
            var model = model
            model.routing.adaptive = true
            return model
        }
        let database = try await ControlFixtures.database(fleet)
        let directory = try ControlFixtures.temporaryDirectory()
        return Setup(database: database, apply: ApplyService(database: database, appliers: [FilesApplier(directory: directory)]), directory: directory)
    }

    /// One sample a minute for the last `minutes` minutes before `now`.
    func report(_ rps: Double, minutes: Int = 20, before now: Date, into database: AppDatabase) async throws {
        let samples = (0..<minutes).map { minute in
            DemandSample(model: "sd21", observedAt: now.addingTimeInterval(-Double(minute) * 60), rps: rps, source: "operator")
        }
        try await database.appendDemandSamples(samples)
    }

    func floors(_ desired: DesiredState) -> [String: Int] {
        var floors: [String: Int] = [:]
        for case .scaledObject(let object) in desired.manifests.objects {
            floors[object.spec.scaleTargetRef.name] = object.spec.minReplicaCount
        }
        return floors
    }

    @Test("without samples the model waits; with them the cheapest mix goes out through every step, audited")
    func firstMix() async throws {
        let setup = try await setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let controller = AdaptiveController(database: setup.database, pusher: setup.apply)
        let now = Date()
        let idle = try await controller.pass(now: now)
        #expect(idle.waiting["sd21"]?.contains("no demand sample") == true)
        #expect(try await setup.database.adaptiveStates().isEmpty)

        try await report(80, before: now, into: setup.database)
        let first = try await controller.pass(now: now)
        #expect(first.began == ["sd21"])
        #expect(first.steps["sd21"] == ["raise-floors", "move-weights", "lower-floors"])
        let state = try #require(try await setup.database.adaptiveStates()["sd21"])
        #expect(state.inForce.weights == ["sd21-inf2": 100])
        #expect(state.floors == ["sd21-inf2": 1])
        #expect(state.transition?.outcome == .completed)

        // What is pushed is what the store says is in force: one inf2 replica at night, the rest at zero.
        let desired = try await setup.apply.desiredState()
        let plan = try #require(desired.plan(for: "sd21"))
        #expect(plan.weight(of: "sd21-inf2") == 100)
        #expect(plan.entries.filter { $0.unit != "sd21-inf2" }.allSatisfy { $0.weight == 0 })
        #expect(floors(desired) == ["sd21-inf2": 1, "sd21-trn1": 0, "sd21-g5-triton": 0, "sd21-g6-triton": 0, "sd21-g5-cuda": 0])
        #expect(try await setup.apply.diff().isEmpty)
        // The ScaledObjects scale at the adaptive target (0.9 of the breaking point), not the static 0.8.
        var targets: [String: String] = [:]
        for case .scaledObject(let object) in desired.manifests.objects {
            targets[object.spec.scaleTargetRef.name] = object.spec.triggers.first?.metadata.dictionary["targetMetricValue"]
        }
        #expect(targets["sd21-inf2"] == "94.5")
        #expect(targets["sd21-trn1"] == "117")

        let events = try await setup.database.auditEvents(AuditFilter(kind: .adaptive)).items
            .sorted { $0.seq < $1.seq }
        #expect(events.map(\.action) == [.begin, .raiseFloors, .moveWeights, .lowerFloors])
        #expect(events[2].reason?.contains("taken as met") == true)

        // Nothing new: the next pass changes nothing.
        let again = try await controller.pass(now: now.addingTimeInterval(60))
        #expect(again.began.isEmpty && again.steps.isEmpty && again.failed.isEmpty)
    }

    @Test("demand beyond one unit's reach moves the weights only once the new replicas are ready, also after a restart")
    func makeBeforeBreak() async throws {
        let setup = try await setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let readiness = ScriptedReadiness(["sd21-inf2": 1])
        let now = Date()
        try await report(80, before: now, into: setup.database)
        let controller = AdaptiveController(database: setup.database, pusher: setup.apply, readiness: readiness)
        try await controller.pass(now: now)

        // 1,000 rps: more than ten inf2 replicas carry at 90 %, so the mix must change.
        let later = now.addingTimeInterval(120)
        try await report(1_000, minutes: 2, before: later, into: setup.database)
        let rising = try await controller.pass(now: later)
        #expect(rising.began == ["sd21"])
        #expect(rising.steps["sd21"] == ["raise-floors"])
        #expect(rising.waiting["sd21"]?.contains("waiting for ready replicas") == true)
        let waiting = try #require(try await setup.database.adaptiveStates()["sd21"])
        #expect(waiting.inForce.weights == ["sd21-inf2": 100])
        let target = try #require(waiting.transition?.to)
        #expect(target.units.count > 1)
        #expect(try #require(try await setup.apply.desiredState().plan(for: "sd21")).weight(of: "sd21-inf2") == 100)

        // A restart: a new controller over the same store finds the transition and finishes it once ready.
        readiness.set(target.replicas)
        let restarted = AdaptiveController(database: setup.database, pusher: setup.apply, readiness: readiness)
        let done = try await restarted.pass(now: later.addingTimeInterval(60))
        #expect(done.began.isEmpty)
        #expect(done.steps["sd21"] == ["move-weights", "lower-floors"])
        let state = try #require(try await setup.database.adaptiveStates()["sd21"])
        #expect(state.inForce.weights == target.weights)
        #expect(state.floors == target.replicas)
        let plan = try #require(try await setup.apply.desiredState().plan(for: "sd21"))
        for (unit, weight) in target.weights { #expect(plan.weight(of: unit) == weight) }
    }

    @Test("a wait that outlasts its timeout rolls the floors back and leaves the weights")
    func rollback() async throws {
        let setup = try await setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        let readiness = ScriptedReadiness(["sd21-inf2": 1])
        let now = Date()
        try await report(80, before: now, into: setup.database)
        let controller = AdaptiveController(database: setup.database, pusher: setup.apply, readiness: readiness)
        try await controller.pass(now: now)
        try await report(1_000, minutes: 2, before: now.addingTimeInterval(120), into: setup.database)
        try await controller.pass(now: now.addingTimeInterval(120))
        // Twice the 720 s time to serve later, still nothing ready.
        let late = try await controller.pass(now: now.addingTimeInterval(120 + 1_441))
        #expect(late.steps["sd21"]?.first == "roll-back")
        let state = try #require(try await setup.database.adaptiveStates()["sd21"])
        #expect(state.inForce.weights == ["sd21-inf2": 100])
        guard case .rolledBack = state.transition?.outcome else {
            Issue.record("expected a rolled-back transition, got \(String(describing: state.transition?.outcome))")
            return
        }
        #expect(state.floors == ["sd21-inf2": 1])
    }

    @Test("a shortage of the mix's pool leaves the failover switch alone and moves traffic to the warm standby at once")
    func shortageGoesToStandby() async throws {
        var setup = try await setup()
        defer { try? FileManager.default.removeItem(at: setup.directory) }
        var model = try await setup.database.get(ServedModel.self, named: "sd21").value
        model.routing.standby = .replicas(3)
        try await setup.database.put(model, context: FailoverFixtures.operatorContext)
        setup.apply = ApplyService(database: setup.database, appliers: [FilesApplier(directory: setup.directory)])
        let readiness = ScriptedReadiness([:])
        let controller = AdaptiveController(database: setup.database, pusher: setup.apply, readiness: readiness)
        let now = Date()
        try await report(100, before: now, into: setup.database)
        readiness.set(["sd21-inf2": 3, "sd21-g5-triton": 3, "sd21-g6-triton": 3, "sd21-g5-cuda": 3])
        try await controller.pass(now: now)
        let before = try #require(try await setup.database.adaptiveStates()["sd21"])
        let standby = try #require(before.transition?.standby)
        #expect(standby.floors.values.reduce(0, +) == 3)
        #expect(before.inForce.weights.keys.allSatisfy { $0 == "sd21-inf2" || $0 == "sd21-trn1" })
        for (unit, count) in standby.floors { #expect(before.floors[unit] == count) }
        // The standby is rendered: its ScaledObjects keep the floor while its weight stays 0.
        let desired = try await setup.apply.desiredState()
        for (unit, count) in standby.floors {
            #expect(floors(desired)[unit] == count)
            #expect(try #require(desired.plan(for: "sd21")).weight(of: unit) == 0)
        }

        // The neuron pool runs short and its replicas are lost.
        let failover = FailoverController(database: setup.database, pusher: setup.apply)
        var wakeups = failover.poolHealthChanges.makeAsyncIterator()
        try await failover.report(FailoverFixtures.shortage("amd-neuron", at: now), context: FailoverFixtures.operatorContext)
        try await failover.pass(now: now)
        #expect(await wakeups.next() != nil)
        // The failover switch leaves the adaptive model alone: the rebalancer re-solves its mix.
        #expect(try await setup.database.failoverState().routing(of: "sd21").configuration == .cost)
        #expect(try await setup.database.auditEvents(AuditFilter(kind: .failover)).items.isEmpty)

        readiness.set(standby.floors)
        let moved = try await controller.pass(now: now.addingTimeInterval(5))
        #expect(moved.began == ["sd21"])
        #expect(moved.steps["sd21"] == ["raise-floors", "move-weights", "lower-floors"])
        let after = try #require(try await setup.database.adaptiveStates()["sd21"])
        #expect(!after.inForce.weights.isEmpty)
        #expect(Set(after.inForce.weights.keys).isSubset(of: standby.floors.keys))
        #expect(after.transition?.reason.contains("warm replicas first") == true)
        let plan = try #require(try await setup.apply.desiredState().plan(for: "sd21"))
        #expect(plan.weight(of: "sd21-inf2") == 0)
    }
}

import Foundation
import Synchronization
import SwitchyardAdapters
import SwitchyardControl
import SwitchyardCore
import SwitchyardStore
import Testing

/// A leadership whose answer the test sets.
final class SwitchableLeadership: Leadership, Sendable {
    private let leads: Mutex<Bool>
    init(_ leads: Bool) { self.leads = Mutex(leads) }
    var isLeader: Bool { leads.withLock { $0 } }
    func set(_ value: Bool) { leads.withLock { $0 = value } }
}

@Suite("Apply handed from a follower to the leader")
struct ApplyHandoffTests {
    @Test("a follower's apply is pushed by the leader's queue service and the report comes back to the follower")
    func followerApplyPushedByLeader() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let apply = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
        let follower = ApplyHandoff(queue: database, leadership: SwitchableLeadership(false), timeout: .seconds(20))
        #expect(await follower.pushesHere == false)
        let leader = ApplyQueueService(
            queue: database, apply: apply, leadership: SwitchableLeadership(true), identity: "leader",
            interval: .milliseconds(20))

        let draining = Task { try await leader.run() }
        defer { draining.cancel() }
        let report = try await follower.handOver(models: nil, context: ControlFixtures.context)
        #expect(report.succeeded)
        #expect(!ControlFixtures.files(under: directory).isEmpty)
        // The leader pushed on the follower's caller's behalf: the audit names them and their request.
        let events = try await ControlFixtures.pushEvents(database)
        #expect(events.map(\.actor) == ["ops"])
        #expect(events.first?.requestID == "req-apply")
    }

    @Test("the leader's error reaches the follower as the same error")
    func leaderErrorReachesFollower() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let apply = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
        let leader = ApplyQueueService(
            queue: database, apply: apply, leadership: SwitchableLeadership(true), identity: "leader",
            interval: .milliseconds(20))
        let draining = Task { try await leader.run() }
        defer { draining.cancel() }
        let follower = ApplyHandoff(queue: database, leadership: SwitchableLeadership(false), timeout: .seconds(20))
        await #expect(throws: ApplyError.notFound(model: "ghost")) {
            try await follower.handOver(models: ["ghost"], context: ControlFixtures.context)
        }
    }

    @Test("with no leader the apply is withdrawn after the wait and never pushed")
    func noLeaderWithdraws() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let follower = ApplyHandoff(queue: database, leadership: SwitchableLeadership(false), timeout: .milliseconds(200))
        await #expect(throws: ApplyError.notTakenByLeader(waitedSeconds: 0)) {
            try await follower.handOver(models: nil, context: ControlFixtures.context)
        }
        // A leader arriving later finds nothing to push.
        let apply = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
        let leader = ApplyQueueService(queue: database, apply: apply, leadership: SwitchableLeadership(true), identity: "leader")
        await leader.drain()
        #expect(ControlFixtures.files(under: directory).isEmpty)
        #expect(try await ControlFixtures.pushEvents(database).isEmpty)
    }

    @Test("drift correction runs no pass on a follower")
    func driftOnlyOnLeader() async throws {
        let database = try await ControlFixtures.database(ControlFixtures.fleet(applier: .files))
        let directory = try ControlFixtures.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let apply = ApplyService(database: database, appliers: [FilesApplier(directory: directory)])
        let leadership = SwitchableLeadership(false)
        let passes = Mutex(0)
        let service = DriftCorrectionService(
            corrector: DriftCorrector(applyService: apply), interval: .milliseconds(10), leadership: leadership,
            onPass: { _ in passes.withLock { $0 += 1 } })
        let running = Task { try await service.run() }
        try await Task.sleep(for: .milliseconds(200))
        #expect(passes.withLock { $0 } == 0)
        #expect(ControlFixtures.files(under: directory).isEmpty)
        leadership.set(true)
        // Generous: on two cores under the whole suite a first pass can take a while.
        let deadline = ContinuousClock.now + .seconds(90)
        while passes.withLock({ $0 }) == 0, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        running.cancel()
        #expect(passes.withLock { $0 } > 0)
        // The leader's convergence pass pushed the desired state.
        #expect(!ControlFixtures.files(under: directory).isEmpty)
    }
}

import Foundation
import SwitchyardAdapters
@testable import SwitchyardControl
import SwitchyardCore
import SwitchyardFakes
import SwitchyardStore
import Testing

@Suite("Failover leader election")
struct FailoverLeaderElectionTests {
    typealias F = FailoverFixtures

    static func elector(_ identity: String, on kubernetes: InMemoryKubernetes, time: TestTime) -> LeaderElector {
        LeaderElector(
            kubernetes: kubernetes,
            configuration: .init(namespace: "switchyard", identity: identity, leaseDuration: .seconds(15), renewDeadline: .seconds(10)),
            now: { time.now })
    }

    static let leasePath = ResourcePath(
        group: "coordination.k8s.io", version: "v1", resource: "leases", namespace: "switchyard", name: "switchyard-failover")

    @Test("the first replica creates the lease; the second waits until it expires, then takes it over")
    func acquireRenewTakeOver() async throws {
        let kubernetes = InMemoryKubernetes()
        let time = TestTime(F.t0)
        let a = Self.elector("replica-a", on: kubernetes, time: time)
        let b = Self.elector("replica-b", on: kubernetes, time: time)

        #expect(await a.tryAcquireOrRenew(at: time.now))
        #expect(await !b.tryAcquireOrRenew(at: time.now))
        #expect(await a.isLeader)
        #expect(await !b.isLeader)
        #expect(await b.observedHolder == "replica-a")

        time.advance(by: 8)
        #expect(await a.tryAcquireOrRenew(at: time.now))
        time.advance(by: 14)
        #expect(await !b.tryAcquireOrRenew(at: time.now), "renewed 14 s ago, inside the 15 s lease")

        time.advance(by: 1)
        #expect(await !a.isLeader, "past its renew deadline without renewing")
        #expect(await b.tryAcquireOrRenew(at: time.now))
        let lease = try await kubernetes.get(Self.leasePath)
        #expect(lease["spec"]?["holderIdentity"]?.stringValue == "replica-b")
        #expect(lease["spec"]?["leaseTransitions"]?.numberValue == 1)
        #expect(lease["spec"]?["leaseDurationSeconds"]?.numberValue == 15)
        #expect(lease["spec"]?["acquireTime"]?.stringValue.flatMap(MicroTime.date) == time.now)
        #expect(await !a.tryAcquireOrRenew(at: time.now))
    }

    @Test("an update from a stale resourceVersion is refused with 409, so only one of two racing replicas wins")
    func optimisticConcurrency() async throws {
        let kubernetes = InMemoryKubernetes()
        let time = TestTime(F.t0)
        let a = Self.elector("replica-a", on: kubernetes, time: time)
        #expect(await a.tryAcquireOrRenew(at: time.now))
        let stale = try await kubernetes.get(Self.leasePath)
        time.advance(by: 2)
        #expect(await a.tryAcquireOrRenew(at: time.now))

        var takeover = try #require(LeaseRecord(lease: stale))
        takeover.holderIdentity = "replica-b"
        do {
            _ = try await kubernetes.update(takeover.object(name: "switchyard-failover", namespace: "switchyard"), at: Self.leasePath)
            Issue.record("a stale update was accepted")
        } catch KubernetesError.conflict(let status) {
            #expect(status.reason == "Conflict")
        }
        await #expect(throws: KubernetesError.self) {
            try await kubernetes.create(stale, at: Self.leasePath)
        }
        #expect(try await kubernetes.get(Self.leasePath)["spec"]?["holderIdentity"]?.stringValue == "replica-a")
    }

    @Test("a released lease is taken at once by another replica")
    func releaseHandsOver() async throws {
        let kubernetes = InMemoryKubernetes()
        let time = TestTime(F.t0)
        let a = Self.elector("replica-a", on: kubernetes, time: time)
        let b = Self.elector("replica-b", on: kubernetes, time: time)
        #expect(await a.tryAcquireOrRenew(at: time.now))
        await a.release()
        #expect(await !a.isLeader)
        #expect(await b.tryAcquireOrRenew(at: time.now))
    }

    @Test("of two controllers sharing a lease only the holder acts")
    func onlyLeaseHolderActs() async throws {
        let kubernetes = InMemoryKubernetes()
        let time = TestTime(F.t0)
        let a = Self.elector("replica-a", on: kubernetes, time: time)
        let b = Self.elector("replica-b", on: kubernetes, time: time)
        let first = try await FailoverHarness.make(leadership: a)
        let second = try await FailoverHarness.make(leadership: b)
        #expect(await a.tryAcquireOrRenew(at: time.now))
        #expect(await !b.tryAcquireOrRenew(at: time.now))

        for harness in [first, second] {
            try await harness.controller.report(F.shortage("amd-neuron", at: F.t0), context: F.operatorContext)
        }
        let leaderPass = try await first.controller.pass(now: time.now)
        let followerPass = try await second.controller.pass(now: time.now)

        #expect(leaderPass.outcome == .switched)
        #expect(followerPass.outcome == .notLeader)
        #expect(await first.loadBalancer.writes.count == 1)
        #expect(await second.loadBalancer.writes.isEmpty)
        #expect(await second.pusher.pushes.isEmpty)
        #expect(try await second.database.pendingCapacitySignals().count == 1, "the follower folds nothing")
        #expect(try await second.controller.status().leader == false)

        // The leader stops renewing; after the lease expires the other replica takes over and acts.
        time.advance(by: 16)
        #expect(await b.tryAcquireOrRenew(at: time.now))
        let takeover = try await second.controller.pass(now: time.now)
        #expect(takeover.outcome == .switched)
        #expect(await second.loadBalancer.writes.count == 1)
        #expect(try await first.controller.pass(now: time.now).outcome == .notLeader)
    }

    @Test("run keeps the lease renewed on its clock and gives it up when cancelled")
    func runRenewsAndReleases() async throws {
        let kubernetes = InMemoryKubernetes()
        let clock = ManualClock()
        let elector = LeaderElector(
            kubernetes: kubernetes, configuration: .init(namespace: "switchyard", identity: "replica-a", retryPeriod: .seconds(2)),
            clock: clock)
        let running = Task { try await elector.run() }
        #expect(try await FailoverLoopTests.eventually { clock.sleeperCount == 1 })
        #expect(await elector.isLeader)
        let firstRenew = try await kubernetes.get(Self.leasePath)["metadata"]?["resourceVersion"]

        clock.advance(by: .seconds(2))
        #expect(try await FailoverLoopTests.eventually {
            try await kubernetes.get(Self.leasePath)["metadata"]?["resourceVersion"] != firstRenew
        })

        running.cancel()
        try await running.value
        #expect(await !elector.isLeader)
        #expect(try await kubernetes.get(Self.leasePath)["spec"]?["holderIdentity"] == .null)
    }
}

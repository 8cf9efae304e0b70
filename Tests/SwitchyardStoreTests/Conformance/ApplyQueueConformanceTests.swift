import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// The apply queue behaves the same on both engines: taken once, finished once, withdrawn only while pending.
@Suite("Conformance: apply queue")
struct ApplyQueueConformanceTests {
    let context = Fixtures.context

    @Test("a request is taken once, finished once, and read back by id", arguments: StoreEngine.allCases)
    func takeAndFinish(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        #expect(try await store.takeQueuedApply(taker: "leader-a#1") == nil)
        let first = try await store.enqueueApply(models: ["sd21"], context: context)
        let second = try await store.enqueueApply(models: nil, context: context)
        #expect(first < second)
        #expect(try await store.queuedApplyOutcome(id: first) == .pending)

        let taken = try #require(try await store.takeQueuedApply(taker: "leader-a#1"))
        #expect(taken.id == first && taken.models == ["sd21"])
        #expect(taken.context.actor == "alice" && taken.context.requestID == "req-1" && taken.context.reason == "testing")
        #expect(try await store.queuedApplyOutcome(id: first) == .running)
        // A running request is not withdrawn.
        #expect(try await store.withdrawQueuedApply(id: first) == false)
        try await store.finishQueuedApply(id: first, outcome: .done(#"{"succeeded":true}"#))
        #expect(try await store.queuedApplyOutcome(id: first) == .done(#"{"succeeded":true}"#))
        // Finished is final.
        try await store.finishQueuedApply(id: first, outcome: .failed("{}"))
        #expect(try await store.queuedApplyOutcome(id: first) == .done(#"{"succeeded":true}"#))

        #expect(try await store.withdrawQueuedApply(id: second))
        #expect(try await store.queuedApplyOutcome(id: second) == .withdrawn)
        #expect(try await store.takeQueuedApply(taker: "leader-a#1") == nil)
        #expect(try await store.queuedApplyOutcome(id: 999) == nil)
        try await open.close()
    }

    @Test("a request left running by a leader that is gone is taken again by its successor, and the first outcome stands",
          arguments: StoreEngine.allCases)
    func retakenBySuccessor(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        let id = try await store.enqueueApply(models: nil, context: context)
        #expect(try await store.takeQueuedApply(taker: "leader-a#1")?.id == id)
        // The same taker does not take its own running request twice.
        #expect(try await store.takeQueuedApply(taker: "leader-a#1") == nil)
        // Its successor (or the same replica in a later spell of leadership) takes it again.
        #expect(try await store.takeQueuedApply(taker: "leader-b#1")?.id == id)
        #expect(try await store.queuedApplyOutcome(id: id) == .running)
        try await store.finishQueuedApply(id: id, outcome: .done(#"{"by":"b"}"#))
        // The old leader finishing late changes nothing.
        try await store.finishQueuedApply(id: id, outcome: .failed(#"{"by":"a"}"#))
        #expect(try await store.queuedApplyOutcome(id: id) == .done(#"{"by":"b"}"#))
        #expect(try await store.takeQueuedApply(taker: "leader-c#1") == nil)
        try await open.close()
    }

    @Test("on PostgreSQL, a replica waiting on the queue wakes at another replica's request")
    func wakesAcrossReplicas() async throws {
        let location = try await PostgresTestServer.shared.freshDatabase()
        let leader = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        let follower = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        let started = ContinuousClock.now
        async let woke: Void = leader.waitForApplyQueueChange(timeout: .seconds(30))
        try await Task.sleep(for: .milliseconds(200))
        let id = try await follower.enqueueApply(models: nil, context: context)
        await woke
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(try await leader.takeQueuedApply(taker: "leader-a#1")?.id == id)
        await leader.close()
        await follower.close()
    }
}

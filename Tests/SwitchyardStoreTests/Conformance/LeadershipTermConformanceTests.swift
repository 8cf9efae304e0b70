import Foundation
import Synchronization
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// Leadership terms, the fencing token of pushes, behave the same on both engines; on PostgreSQL a claim by one
/// replica waits for the push another replica runs under the older term.
@Suite("Conformance: leadership terms")
struct LeadershipTermConformanceTests {
    @Test("terms count up per claim; a push runs under the newest term only", arguments: StoreEngine.allCases)
    func claimsAndFences(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        #expect(try await store.newestLeadershipTerm().term == 0)
        let first = try await store.claimLeadershipTerm(holder: "replica-a")
        #expect(first == 1)
        #expect(try await store.whileLeadershipTerm(first) { "pushed" } == "pushed")

        let second = try await store.claimLeadershipTerm(holder: "replica-b")
        #expect(second == 2)
        let newest = try await store.newestLeadershipTerm()
        #expect(newest.term == 2 && newest.holder == "replica-b")
        let ran = Mutex(false)
        await #expect(throws: LeadershipTermSuperseded(term: 1, newest: 2, holder: "replica-b")) {
            try await store.whileLeadershipTerm(first) { ran.withLock { $0 = true } }
        }
        #expect(ran.withLock { $0 } == false)
        #expect(try await store.whileLeadershipTerm(second) { 42 } == 42)
        try await open.close()
    }

    @Test("on PostgreSQL, a successor's claim waits for the push in flight under the older term, which then ends it")
    func claimWaitsForPushInFlight() async throws {
        let location = try await PostgresTestServer.shared.freshDatabase()
        let old = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        let successor = try await PostgresDatabase.open(location, maximumConnections: 2, logger: .quiet)
        let term = try await old.claimLeadershipTerm(holder: "old")
        let events = Mutex<[String]>([])
        let (pushing, pushStarted) = AsyncStream<Void>.makeStream()
        let inFlight = Task {
            try await old.whileLeadershipTerm(term) {
                events.withLock { $0.append("old push started") }
                pushStarted.yield()
                try await Task.sleep(for: .milliseconds(600))
                events.withLock { $0.append("old push ended") }
            }
        }
        for await _ in pushing { break }
        let newTerm = try await successor.claimLeadershipTerm(holder: "successor")
        events.withLock { $0.append("successor claimed") }
        try await inFlight.value
        #expect(newTerm == term + 1)
        #expect(events.withLock { $0 } == ["old push started", "old push ended", "successor claimed"])
        // The old leader's next push is refused; the successor's goes out.
        await #expect(throws: LeadershipTermSuperseded.self) {
            try await old.whileLeadershipTerm(term) { events.withLock { $0.append("old pushed again") } }
        }
        try await successor.whileLeadershipTerm(newTerm) { events.withLock { $0.append("successor pushed") } }
        #expect(events.withLock { $0 }.suffix(1) == ["successor pushed"])
        await old.close()
        await successor.close()
    }
}

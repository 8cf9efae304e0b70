import Foundation
import GRDB
import SwitchyardCore
@testable import SwitchyardStore
import Testing

@Suite("Audit history")
struct AuditTrailTests {
    let context = Fixtures.context

    @Test("each write records one event with actor, request id, reason, before and after")
    func eventPerWrite() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.put(Fixtures.model, context: context)
        var changed = Fixtures.model
        changed.expectedDemandRPS = 10
        _ = try await database.put(changed, context: ChangeContext(actor: "bob", requestID: "req-2"))
        try await database.delete(ServedModel.self, named: "sd21", context: context)

        let events = try await Fixtures.allEvents(database)
        #expect(events.map(\.action) == [.create, .update, .delete])
        #expect(events.map(\.seq) == [1, 2, 3])
        #expect(events.map(\.actor) == ["alice", "bob", "alice"])
        #expect(events[0].before == nil && events[0].reason == "testing")
        let after = try JSONDecoder().decode(ServedModel.self, from: Data(try #require(events[1].after).utf8))
        #expect(after == changed)
        #expect(events[2].after == nil && events[2].before == events[1].after)
        #expect(events[0].previousHash == String(repeating: "0", count: 64))
        #expect(events[1].previousHash == events[0].hash)
        #expect(try await database.verifyAuditChain() == AuditVerification(valid: true, checked: 3, headSeq: 3))
    }

    @Test("a failed write leaves no event")
    func failedWriteLeavesNoEvent() async throws {
        let database = try AppDatabase.inMemory()
        await #expect(throws: StoreError.self) {
            try await database.put(Fixtures.inf2Unit, context: context)
        }
        await #expect(throws: StoreError.self) {
            try await database.delete(ServedModel.self, named: "sd21", context: context)
        }
        #expect(try await Fixtures.allEvents(database).isEmpty)
    }

    @Test("events filter by kind, name, actor and time, and page by cursor")
    func filtering() async throws {
        let times = TimeSteps(start: Date(timeIntervalSince1970: 1_700_000_000))
        #expect(times.next() < times.next())
        let database = try AppDatabase.inMemory(clock: { times.next() })
        // One write per resource, so each event has its own time.
        _ = try await database.put(Fixtures.model, context: context)
        _ = try await database.put(Fixtures.inf2, context: context)
        _ = try await database.put(Fixtures.g5, context: context)
        _ = try await database.put(Fixtures.neuronPool, context: context)
        _ = try await database.put(Fixtures.nvidiaPool, context: context)
        _ = try await database.put(Fixtures.inf2Unit, context: context)
        _ = try await database.put(Fixtures.g5Unit, context: context)
        _ = try await database.record(try AuditEntry(actor: "failover", action: .switch, kind: .failover, name: "sd21"))
        let units = try await database.auditEvents(AuditFilter(kind: .unit))
        #expect(units.items.map(\.name) == ["sd21-inf2", "sd21-g5-triton"])
        #expect(try await database.auditEvents(AuditFilter(actor: "failover")).items.map(\.action) == [.switch])
        #expect(try await database.auditEvents(AuditFilter(kind: .model, name: "sd21")).items.count == 1)

        let all = try await Fixtures.allEvents(database)
        let cutoff = all[3].at
        let since = try await database.auditEvents(AuditFilter(since: cutoff), limit: 1000).items
        #expect(since.map(\.seq) == Array(all[3...].map(\.seq)))
        let until = try await database.auditEvents(AuditFilter(until: cutoff), limit: 1000).items
        #expect(until.map(\.seq) == Array(all[..<3].map(\.seq)))

        var seen: [Int64] = []
        var cursor: String?
        repeat {
            let page = try await database.auditEvents(AuditFilter(), after: cursor, limit: 4)
            seen += page.items.map(\.seq)
            cursor = page.nextCursor
        } while cursor != nil
        #expect(seen == all.map(\.seq))
    }

    @Test("updates and deletes of events are refused by the database")
    func appendOnly() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.put(Fixtures.model, context: context)
        await #expect(throws: (any Error).self) {
            try await database.writer.write { db in try db.execute(sql: "UPDATE audit_events SET actor = 'mallory'") }
        }
        await #expect(throws: (any Error).self) {
            try await database.writer.write { db in try db.execute(sql: "DELETE FROM audit_events") }
        }
        #expect(try await Fixtures.allEvents(database).map(\.actor) == ["alice"])
    }

    @Test("a tampered event is found by verification, naming its sequence number")
    func tamperingIsDetected() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(Fixtures.fleet, dryRun: false, context: context)
        #expect(try await database.verifyAuditChain().valid)
        try await database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_events_no_update")
            try db.execute(sql: "UPDATE audit_events SET actor = 'mallory' WHERE seq = 4")
        }
        // Event 4 lies before the checkpoint the first pass recorded: only a full pass looks at it again.
        let verification = try await database.verifyAuditChain(full: true)
        #expect(!verification.valid)
        #expect(verification.firstBrokenSeq == 4)
        #expect(verification.checked == 3)
    }

    @Test("a deleted event breaks the link of the one after it")
    func deletionIsDetected() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(Fixtures.fleet, dryRun: false, context: context)
        try await database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_events_no_delete")
            try db.execute(sql: "DELETE FROM audit_events WHERE seq = 2")
        }
        #expect(try await database.verifyAuditChain().firstBrokenSeq == 3)
    }

    @Test("deleting the newest events is detected: the head is kept apart from the events, and new events link to it")
    func truncationIsDetected() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(Fixtures.fleet, dryRun: false, context: context)
        let head = try #require(try await Fixtures.allEvents(database).last?.seq)
        #expect(head > 3)
        try await database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_events_no_delete")
            try db.execute(sql: "DELETE FROM audit_events WHERE seq > ?", arguments: [head - 2])
        }
        let verification = try await database.verifyAuditChain()
        #expect(!verification.valid)
        #expect(verification.firstBrokenSeq == head - 1)
        #expect(verification.headSeq == head)
        #expect(verification.problem == "events \(head - 1) through \(head) are missing: the chain ends before its recorded head")

        // The next event links to the deleted head, so the gap stays visible after new writes.
        _ = try await database.record(try AuditEntry(actor: "failover", action: .switch, kind: .failover, name: "sd21"))
        let after = try await database.verifyAuditChain()
        #expect(!after.valid)
        #expect(after.firstBrokenSeq == head + 1)
    }

    @Test("a pass starts from the last checkpoint: it checks only what was appended, and still catches changes to the checkpoint")
    func incrementalVerification() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.importFleet(Fixtures.fleet, dryRun: false, context: context)
        let total = try await Fixtures.allEvents(database).count
        let first = try await database.verifyAuditChain()
        #expect(first == AuditVerification(valid: true, checked: total, fromSeq: 0, headSeq: Int64(total)))

        _ = try await database.record(try AuditEntry(actor: "failover", action: .switch, kind: .failover, name: "sd21"))
        _ = try await database.record(try AuditEntry(actor: "failover", action: .rollBack, kind: .failover, name: "sd21"))
        let second = try await database.verifyAuditChain()
        #expect(second == AuditVerification(valid: true, checked: 2, fromSeq: Int64(total), headSeq: Int64(total + 2)))
        #expect(try await database.verifyAuditChain() == AuditVerification(
            valid: true, checked: 0, fromSeq: Int64(total + 2), headSeq: Int64(total + 2)))
        #expect(try await database.verifyAuditChain(full: true).checked == total + 2)

        try await database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_events_no_update")
            try db.execute(sql: "UPDATE audit_events SET reason = 'rewritten' WHERE seq = ?", arguments: [total + 2])
        }
        let tampered = try await database.verifyAuditChain()
        #expect(!tampered.valid)
        #expect(tampered.firstBrokenSeq == Int64(total + 2))
    }
}

import Crypto
import Foundation
import GRDB
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// One encoding for the whole history: the hash covers the canonical JSON of the entry's fields with `seq` and `at`,
/// and every `before`/`after` is canonical JSON with RFC 3339 times in milliseconds.
@Suite("Audit encoding")
struct AuditEncodingTests {
    @Test("the chain hash is SHA-256 over the previous hash and the entry's canonical JSON, nils left out")
    func hashCoversCanonicalFields() throws {
        let entry = try AuditEntry(
            actor: "alice", action: .switchFailed, kind: .capacitySignal, name: "amd-neuron", after: ["b": 1, "a": 2],
            requestID: "req-1")
        let hash = try AuditLog.hash(
            previousHash: AuditLog.genesisHash, seq: 7, at: "2026-11-30T12:00:00.250Z", entry: entry)
        // Written out by hand: the bytes existing histories were hashed over.
        let canonical = #"{"action":"switch-failed","actor":"alice","after":"{\"a\":2,\"b\":1}","at":"2026-11-30T12:00:00.250Z","kind":"capacity-signal","name":"amd-neuron","requestID":"req-1","seq":7}"#
        let expected = SHA256.hash(data: Data((AuditLog.genesisHash + canonical).utf8)).map { String(format: "%02x", $0) }.joined()
        #expect(hash == expected)
    }

    @Test("times in before and after are RFC 3339 with milliseconds, whoever records them")
    func datesInMilliseconds() throws {
        struct Subject: Encodable { var since: Date }
        let entry = try AuditEntry(
            actor: "system", action: .switch, kind: .failover, name: "sd21",
            before: Subject(since: Date(timeIntervalSince1970: 1_800_000_000)),
            after: Subject(since: Date(timeIntervalSince1970: 1_800_000_000.5)))
        #expect(entry.before == #"{"since":"2027-01-15T08:00:00.000Z"}"#)
        #expect(entry.after == #"{"since":"2027-01-15T08:00:00.500Z"}"#)
    }

    @Test("an event whose action is altered to one no version writes is reported as altered, not a crash")
    func unknownActionIsTampering() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.put(Fixtures.model, context: Fixtures.context)
        _ = try await database.record(try AuditEntry(actor: "system", action: .switch, kind: .failover, name: "sd21"))
        try await database.writer.write { db in
            try db.execute(sql: "DROP TRIGGER audit_events_no_update")
            try db.execute(sql: "UPDATE audit_events SET action = 'erase' WHERE seq = 2")
        }
        let verification = try await database.verifyAuditChain(full: true)
        #expect(!verification.valid)
        #expect(verification.firstBrokenSeq == 2)
        await #expect(throws: UnreadableAuditEvent.self) { try await database.auditEvents(AuditFilter()) }
    }
}

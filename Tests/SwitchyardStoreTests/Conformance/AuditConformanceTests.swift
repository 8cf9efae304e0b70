import Foundation
import SwitchyardCore
@testable import SwitchyardStore
import Testing

/// The audit history is hash-chained and append-only on both engines, and constraint failures map the same way.
@Suite("Conformance: audit chain and constraints")
struct AuditConformanceTests {
    let context = Fixtures.context

    @Test("events form one chain from the genesis hash; the head follows the newest", arguments: StoreEngine.allCases)
    func chain(engine: StoreEngine) async throws {
        let open = try await engine.open()
        let store = open.store
        #expect(try await store.auditHeadSeq() == nil)
        _ = try await store.put(Fixtures.model, context: context)
        _ = try await store.createToken(name: "ci", role: .operator, context: context)
        let recorded = try await store.record(AuditEntry(
            actor: "system", action: .apply, kind: .push, name: "sd21", beforeText: nil, afterText: "{\"ok\":true}",
            requestID: nil, reason: "test"))
        let events = try await store.auditEvents(AuditFilter(), after: nil, limit: 100).items
        #expect(events.map(\.seq) == [1, 2, 3])
        #expect(events.first?.previousHash == AuditLog.genesisHash)
        for (previous, next) in zip(events, events.dropFirst()) { #expect(next.previousHash == previous.hash) }
        #expect(Set(events.map(\.hash)).count == 3)
        #expect(events.allSatisfy { $0.hash.count == 64 && $0.hash.allSatisfy(\.isHexDigit) })
        #expect(events.last == recorded)
        #expect(try await store.auditHeadSeq() == 3)

        let page = try await store.auditEvents(AuditFilter(), after: nil, limit: 2)
        let rest = try await store.auditEvents(AuditFilter(), after: page.nextCursor, limit: 2)
        #expect((page.items + rest.items).map(\.seq) == [1, 2, 3])
        #expect(try await store.auditEvents(AuditFilter(actor: "system"), after: nil, limit: 10).items.map(\.seq) == [3])
        try await open.close()
    }

    @Test("updating, deleting or emptying audit events is refused as a conflict", arguments: StoreEngine.allCases)
    func appendOnly(engine: StoreEngine) async throws {
        let open = try await engine.open()
        _ = try await open.store.put(Fixtures.model, context: context)
        for statement in [
            "UPDATE audit_events SET actor = 'mallory'", "DELETE FROM audit_events",
        ] {
            do {
                try await open.execute(statement)
                Issue.record("\(statement) was allowed")
            } catch StoreError.conflict(let message) {
                #expect(message.contains("append-only"))
            }
        }
        #expect(try await open.store.auditEvents(AuditFilter(), after: nil, limit: 10).items.map(\.actor) == ["alice"])
        try await open.close()
    }

    @Test("a CHECK failure that bypasses validation is invalid input naming the field", arguments: StoreEngine.allCases)
    func checkViolation(engine: StoreEngine) async throws {
        let open = try await engine.open()
        do {
            try await open.execute("""
                INSERT INTO pools (name, instance_families, gpu_names, capacity_types, arch, taints, weight,
                    consolidation_policy, consolidate_after, created_at, updated_at)
                VALUES ('p', '[]', '[]', '[]', '[]', '[]', 500, 'WhenEmpty', '5m', 'now', 'now')
                """)
            Issue.record("the CHECK constraint did not fire")
        } catch StoreError.invalid(let violations) {
            #expect(violations.map(\.field) == ["weight"])
        }
        try await open.close()
    }

    @Test("a UNIQUE or FOREIGN KEY failure that bypasses validation is a conflict", arguments: StoreEngine.allCases)
    func uniqueAndForeignKey(engine: StoreEngine) async throws {
        let open = try await engine.open()
        _ = try await open.store.put(Fixtures.model, context: context)
        for statement in [
            """
            INSERT INTO models (name, latency_percentile, latency_threshold_ms, max_error_rate, max_utilization,
                default_strategy, created_at, updated_at)
            VALUES ('sd21', 'p95', 900, 0, 1, 'cost', 'now', 'now')
            """,
            "INSERT INTO demand_samples (model, observed_at, source, rps) VALUES ('ghost', 'now', 'operator', 1)",
        ] {
            do {
                try await open.execute(statement)
                Issue.record("\(statement) was allowed")
            } catch StoreError.conflict {
            }
        }
        try await open.close()
    }
}

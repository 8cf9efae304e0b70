import Foundation
import GRDB
@testable import SwitchyardStore
import Testing

@Suite("Constraint failures")
struct ConstraintFailureTests {
    @Test("a CHECK failure that bypasses validation becomes .invalid naming the column as a JSON key")
    func checkBecomesInvalid() async throws {
        let database = try AppDatabase.inMemory()
        do {
            try await database.writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO pools (name, instance_families, gpu_names, capacity_types, arch, taints, weight,
                            consolidation_policy, consolidate_after, created_at, updated_at)
                        VALUES ('p', '[]', '[]', '[]', '[]', '[]', 500, 'WhenEmpty', '5m', 'now', 'now')
                        """)
            }
            Issue.record("the CHECK constraint did not fire")
        } catch {
            guard case StoreError.invalid(let violations) = StoreError.mapping(error) else {
                Issue.record("mapped to \(StoreError.mapping(error))")
                return
            }
            #expect(violations.map(\.field) == ["weight"])
        }
    }

    @Test("a UNIQUE failure becomes .conflict")
    func uniqueBecomesConflict() async throws {
        let database = try AppDatabase.inMemory()
        _ = try await database.put(Fixtures.model, context: Fixtures.context)
        do {
            try await database.writer.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO models (name, latency_percentile, latency_threshold_ms, max_error_rate,
                            max_utilization, default_strategy, created_at, updated_at)
                        VALUES ('sd21', 'p95', 900, 0, 1, 'cost', 'now', 'now')
                        """)
            }
            Issue.record("the UNIQUE constraint did not fire")
        } catch {
            #expect(StoreError.mapping(error) as? StoreError != nil)
            if case StoreError.conflict = StoreError.mapping(error) {} else { Issue.record("not a conflict") }
        }
    }
}

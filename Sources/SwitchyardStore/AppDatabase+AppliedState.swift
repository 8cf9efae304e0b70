import Foundation
import GRDB
import SwitchyardCore

extension AppDatabase {
    /// What was last applied to a target, optionally only a model's objects, ordered by key.
    public func appliedObjects(target: String, model: String? = nil) async throws -> [AppliedObject] {
        guard let model else {
            // A whole target is what applies, diffs and drift passes read: held until a push commits.
            return try await appliedCache.value(for: target) { try await self.loadAppliedObjects(target: target, model: nil) } ?? []
        }
        return try await loadAppliedObjects(target: target, model: model)
    }

    private func loadAppliedObjects(target: String, model: String?) async throws -> [AppliedObject] {
        try await read { db in
            var sql = "SELECT * FROM applied_objects WHERE target = ?"
            var arguments: StatementArguments = [target]
            if let model {
                sql += " AND model = ?"
                arguments += [model]
            }
            sql += " ORDER BY object_key"
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map { row in
                AppliedObject(
                    target: row["target"], key: row["object_key"], model: row["model"], document: row["document"],
                    appliedAt: try Timestamp.date(row["applied_at"]))
            }
        }
    }

    /// Records a successful push: upserts what was sent, forgets what was removed, and appends the push's audit
    /// event, all in one transaction, so the baseline never runs ahead of (or behind) the audit history.
    @discardableResult
    public func recordApplied(
        target: String, upserts: [AppliedObjectDraft], removals: [String] = [], audit draft: AuditEntry
    ) async throws -> AuditEvent {
        for (index, object) in upserts.enumerated() where (try? JSONValue(jsonText: object.document)) == nil {
            throw StoreError.invalid([FieldViolation(field: "upserts[\(index)].document", message: "is not JSON")])
        }
        return try await write { db in
            let time = self.now()
            for object in upserts {
                try db.execute(
                    sql: """
                        INSERT INTO applied_objects (target, object_key, model, document, applied_at)
                        VALUES (?, ?, ?, ?, ?)
                        ON CONFLICT (target, object_key)
                        DO UPDATE SET model = excluded.model, document = excluded.document, applied_at = excluded.applied_at
                        """,
                    arguments: [target, object.key, object.model, object.document, time.text])
            }
            for key in removals {
                try db.execute(
                    sql: "DELETE FROM applied_objects WHERE target = ? AND object_key = ?", arguments: [target, key])
            }
            return try AuditLog.append(draft, at: time, in: db)
        }
    }
}

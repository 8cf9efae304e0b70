import Foundation
import GRDB
import SwitchyardCore

extension PostgresDatabase: AppliedStateStore {
    public func appliedObjects(target: String, model: String? = nil) async throws -> [AppliedObject] {
        guard let model else {
            // A whole target is what applies, diffs and drift passes read: held until a push by any replica commits.
            return try await appliedCache.value(for: target) { try await self.loadAppliedObjects(target: target, model: nil) }
                ?? []
        }
        return try await loadAppliedObjects(target: target, model: model)
    }

    private func loadAppliedObjects(target: String, model: String?) async throws -> [AppliedObject] {
        try await read { session in
            var sql = "SELECT * FROM applied_objects WHERE target = $1"
            var arguments: [(any DatabaseValueConvertible)?] = [target]
            if let model {
                sql += " AND model = $2"
                arguments.append(model)
            }
            sql += " ORDER BY object_key"
            return try await session.rows(sql, arguments).map { row in
                AppliedObject(
                    target: row["target"], key: row["object_key"], model: row["model"], document: row["document"],
                    appliedAt: try Timestamp.date(row["applied_at"]))
            }
        }
    }

    @discardableResult
    public func recordApplied(
        target: String, upserts: [AppliedObjectDraft], removals: [String] = [], audit draft: AuditEntry
    ) async throws -> AuditEvent {
        for (index, object) in upserts.enumerated() where (try? JSONValue(jsonText: object.document)) == nil {
            throw StoreError.invalid([FieldViolation(field: "upserts[\(index)].document", message: "is not JSON")])
        }
        let time = now()
        return try await write { session in
            for object in upserts {
                try await session.execute(
                    """
                    INSERT INTO applied_objects (target, object_key, model, document, applied_at)
                    VALUES ($1, $2, $3, $4, $5)
                    ON CONFLICT (target, object_key)
                    DO UPDATE SET model = excluded.model, document = excluded.document, applied_at = excluded.applied_at
                    """,
                    [target, object.key, object.model, object.document, time.text])
            }
            for key in removals {
                try await session.execute(
                    "DELETE FROM applied_objects WHERE target = $1 AND object_key = $2", [target, key])
            }
            return try await PostgresAuditLog.append(draft, at: time, on: session)
        }
    }
}

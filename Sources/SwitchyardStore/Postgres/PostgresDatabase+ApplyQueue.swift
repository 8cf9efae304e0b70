import Foundation
import GRDB

/// The apply queue on PostgreSQL, shared by every replica. A request row's insert and its finish notify every
/// replica's listener, which wakes the leader waiting for work and the follower waiting for the outcome.
extension PostgresDatabase: ApplyQueueStore {
    public func enqueueApply(models: [String]?, context: ChangeContext) async throws -> Int64 {
        let modelsText = try models.map { try CanonicalJSON.text($0) }
        let time = now()
        return try await write { session in
            let row = try await session.row(
                """
                INSERT INTO apply_requests (models, actor, request_id, reason, status, requested_at)
                VALUES ($1, $2, $3, $4, 'pending', $5) RETURNING id
                """,
                [modelsText, context.actor, context.requestID, context.reason, time.text])
            guard let id: Int64 = row?["id"] else { throw StoredDataError.malformed(column: "id", value: "missing") }
            return id
        }
    }

    public func takeQueuedApply(taker: String) async throws -> QueuedApply? {
        try await write { session in
            try await session.row(
                """
                UPDATE apply_requests SET status = 'running', taken_by = $1
                WHERE id = (
                    SELECT id FROM apply_requests
                    WHERE status = 'pending' OR (status = 'running' AND taken_by IS DISTINCT FROM $1)
                    ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
                RETURNING *
                """,
                [taker]
            ).map(ApplyQueueRows.request(from:))
        }
    }

    public func finishQueuedApply(id: Int64, outcome: QueuedApplyOutcome) async throws {
        let (status, text) = try ApplyQueueRows.columns(of: outcome)
        let time = now()
        try await write { session in
            try await session.execute(
                "UPDATE apply_requests SET status = $1, outcome = $2, finished_at = $3 WHERE id = $4 AND status = 'running'",
                [status, text, time.text, id])
        }
    }

    public func withdrawQueuedApply(id: Int64) async throws -> Bool {
        let time = now()
        return try await write { session in
            try await session.row(
                """
                UPDATE apply_requests SET status = 'withdrawn', finished_at = $1 WHERE id = $2 AND status = 'pending'
                RETURNING id
                """,
                [time.text, id]) != nil
        }
    }

    public func queuedApplyOutcome(id: Int64) async throws -> QueuedApplyOutcome? {
        try await read { session in
            try await session.row("SELECT status, outcome FROM apply_requests WHERE id = $1", [id])
                .map(ApplyQueueRows.outcome(from:))
        }
    }

    public func waitForApplyQueueChange(timeout: Duration) async {
        await applyQueueChanges.wait(timeout: timeout)
    }
}

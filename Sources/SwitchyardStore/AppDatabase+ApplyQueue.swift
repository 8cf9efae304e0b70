import Foundation
import GRDB
import SwitchyardCore

/// The apply queue on SQLite. One process owns a SQLite database, so it is always the leader and nothing is handed
/// over; the queue is here so that both engines offer the same operations.
extension AppDatabase: ApplyQueueStore {
    public func enqueueApply(models: [String]?, context: ChangeContext) async throws -> Int64 {
        let modelsText = try models.map { try CanonicalJSON.text($0) }
        return try await write { db in
            try db.execute(
                sql: """
                    INSERT INTO apply_requests (models, actor, request_id, reason, status, requested_at)
                    VALUES (?, ?, ?, ?, 'pending', ?)
                    """,
                arguments: [modelsText, context.actor, context.requestID, context.reason, self.now().text])
            return db.lastInsertedRowID
        }
    }

    public func takeQueuedApply(taker: String) async throws -> QueuedApply? {
        try await write { db in
            guard let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT * FROM apply_requests
                    WHERE status = 'pending' OR (status = 'running' AND taken_by IS NOT ?)
                    ORDER BY id LIMIT 1
                    """,
                arguments: [taker])
            else { return nil }
            let request = try ApplyQueueRows.request(from: row)
            try db.execute(
                sql: "UPDATE apply_requests SET status = 'running', taken_by = ? WHERE id = ?", arguments: [taker, request.id])
            return request
        }
    }

    public func finishQueuedApply(id: Int64, outcome: QueuedApplyOutcome) async throws {
        let (status, text) = try ApplyQueueRows.columns(of: outcome)
        try await write { db in
            try db.execute(
                sql: """
                    UPDATE apply_requests SET status = ?, outcome = ?, finished_at = ?
                    WHERE id = ? AND status = 'running'
                    """,
                arguments: [status, text, self.now().text, id])
        }
    }

    public func withdrawQueuedApply(id: Int64) async throws -> Bool {
        try await write { db in
            try db.execute(
                sql: "UPDATE apply_requests SET status = 'withdrawn', finished_at = ? WHERE id = ? AND status = 'pending'",
                arguments: [self.now().text, id])
            return db.changesCount > 0
        }
    }

    public func queuedApplyOutcome(id: Int64) async throws -> QueuedApplyOutcome? {
        try await read { db in
            try Row.fetchOne(db, sql: "SELECT status, outcome FROM apply_requests WHERE id = ?", arguments: [id])
                .map(ApplyQueueRows.outcome(from:))
        }
    }

    public func waitForApplyQueueChange(timeout: Duration) async {
        try? await Task.sleep(for: timeout)
    }
}

/// Rows of `apply_requests`, on either engine.
enum ApplyQueueRows {
    static func request(from row: Row) throws -> QueuedApply {
        let modelsText: String? = row["models"]
        return QueuedApply(
            id: row["id"], models: try modelsText.map { try JSONDecoder().decode([String].self, from: Data($0.utf8)) },
            context: ChangeContext(actor: row["actor"], requestID: row["request_id"], reason: row["reason"]),
            requestedAt: try Timestamp.date(row["requested_at"]))
    }

    static func columns(of outcome: QueuedApplyOutcome) throws -> (status: String, text: String) {
        switch outcome {
        case .pending, .running, .withdrawn:
            throw StoreError.invalid([FieldViolation(field: "outcome", message: "must be done or failed")])
        case .done(let report): ("done", report)
        case .failed(let error): ("failed", error)
        }
    }

    static func outcome(from row: Row) throws -> QueuedApplyOutcome {
        let status: String = row["status"]
        let text: String? = row["outcome"]
        switch (status, text) {
        case ("pending", _): return .pending
        case ("running", _): return .running
        case ("withdrawn", _): return .withdrawn
        case ("done", let report?): return .done(report)
        case ("failed", let error?): return .failed(error)
        default: throw StoredDataError.malformed(column: "status", value: status)
        }
    }
}

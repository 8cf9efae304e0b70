import Foundation
import GRDB
import SwitchyardCore

/// The adaptive configuration's state per model: the mix whose weights are in force, the replica floors and the
/// transition in flight, so a restart resumes a transition where it stopped.
extension AppDatabase {
    /// Every stored model state, by model name.
    public func adaptiveStates() async throws -> [String: AdaptiveModelState] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            try Timestamp.date(try decoder.singleValueContainer().decode(String.self))
        }
        return try await read { db in
            var states: [String: AdaptiveModelState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT model, state FROM adaptive_states ORDER BY model") {
                let text: String = row["state"]
                states[row["model"]] = try decoder.decode(AdaptiveModelState.self, from: Data(text.utf8))
            }
            return states
        }
    }

    /// Stores a model's state with its audit events in one transaction; `notFound` when the model is gone.
    public func saveAdaptiveState(model: String, state: AdaptiveModelState, audits: [AuditEntry]) async throws {
        try await write { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM models WHERE name = ?", arguments: [model]) == true else {
                throw StoreError.notFound(kind: .model, name: model)
            }
            let time = self.now()
            try db.execute(
                sql: """
                    INSERT INTO adaptive_states (model, state, updated_at) VALUES (?, ?, ?)
                    ON CONFLICT (model) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                    """,
                arguments: [model, try CanonicalJSON.text(state), time.text])
            for draft in audits { try AuditLog.append(draft, at: time, in: db) }
        }
    }
}

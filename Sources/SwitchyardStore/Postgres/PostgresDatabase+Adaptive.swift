import Foundation
import GRDB
import SwitchyardCore

extension PostgresDatabase: AdaptiveStore {
    public func adaptiveStates() async throws -> [String: AdaptiveModelState] {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            try Timestamp.date(try decoder.singleValueContainer().decode(String.self))
        }
        return try await read { session in
            var states: [String: AdaptiveModelState] = [:]
            for row in try await session.rows("SELECT model, state FROM adaptive_states ORDER BY model") {
                let text: String = row["state"]
                states[row["model"]] = try decoder.decode(AdaptiveModelState.self, from: Data(text.utf8))
            }
            return states
        }
    }

    public func saveAdaptiveState(model: String, state: AdaptiveModelState, audits: [AuditEntry]) async throws {
        let time = now()
        let text = try CanonicalJSON.text(state)
        try await write { session in
            try await Self.requireModel(model, on: session)
            try await session.execute(
                """
                INSERT INTO adaptive_states (model, state, updated_at) VALUES ($1, $2, $3)
                ON CONFLICT (model) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at
                """,
                [model, text, time.text])
            for draft in audits { try await PostgresAuditLog.append(draft, at: time, on: session) }
        }
    }
}

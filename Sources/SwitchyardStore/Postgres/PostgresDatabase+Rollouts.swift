import Foundation
import GRDB
import SwitchyardCore

/// Rollouts on PostgreSQL, with ``AppDatabase``'s rules. Starts of one model queue on a transaction lock, and the
/// partial unique index refuses a second active rollout whoever races; an update locks the row it compares.
extension PostgresDatabase: RolloutStore {
    public func rollouts(model: String) async throws -> [Rollout] {
        try await read { session in
            try await Self.rollouts("SELECT state FROM rollouts WHERE model = $1 ORDER BY id DESC", [model], on: session)
        }
    }

    public func activeRollouts() async throws -> [String: Rollout] {
        try await read { session in
            let active = try await Self.rollouts(
                "SELECT state FROM rollouts WHERE status IN ('progressing', 'paused') ORDER BY model", [], on: session)
            return Dictionary(active.map { ($0.model, $0) }) { first, _ in first }
        }
    }

    public func versionRoutings() async throws -> [String: VersionRouting] {
        try await read { session in try await Self.versionRoutings(on: session) }
    }

    public func stableVersion(model: String) async throws -> String? {
        try await versionRoutings()[model]?.stable
    }

    public func startRollout(model name: String, request: RolloutRequest, now: Date, context: ChangeContext) async throws
        -> Rollout
    {
        let time = self.now()
        return try await write { session in
            try await session.execute("SELECT pg_advisory_xact_lock(hashtext($1))", ["rollouts/\(name)"])
            guard let model = try await ServedModel.fetchStored(named: name, on: session)?.value else {
                throw StoreError.notFound(kind: .model, name: name)
            }
            if let active = try await Self.rollouts(
                "SELECT state FROM rollouts WHERE model = $1 AND status IN ('progressing', 'paused')", [name], on: session
            ).first {
                throw StoreError.conflict(
                    "\(name) has an active rollout to \(active.toVersion) (\(active.status.rawValue)); promote or abort it first")
            }
            let units = try await DeploymentUnit.fetchAllValues(on: session).filter { $0.model == name }
            let stable = try await Self.versionRoutings(on: session)[name]?.stable
            let last: Int64? = try await session.row("SELECT MAX(id) AS id FROM rollouts WHERE model = $1", [name])?["id"]
            let next = Int(last ?? 0) + 1
            let rollout: Rollout
            do {
                rollout = try request.rollout(
                    id: next, model: model, stable: stable, units: units, now: AppDatabase.stored(now))
            } catch let error as RolloutViolations {
                throw StoreError.invalid(error.violations)
            }
            try await session.execute(
                "INSERT INTO rollouts (model, id, status, state, updated_at) VALUES ($1, $2, $3, $4, $5)",
                [name, next, rollout.status.rawValue, try CanonicalJSON.text(rollout), time.text])
            try await PostgresAuditLog.append(
                try AuditEntry(
                    actor: context.actor, action: .create, kind: .rollout, name: name, after: rollout,
                    requestID: context.requestID, reason: context.reason ?? rollout.reason),
                at: time, on: session)
            return rollout
        }
    }

    public func updateRollout(_ rollout: Rollout, from previous: Rollout, audits: [AuditEntry]) async throws {
        let time = now()
        try await write { session in
            let stored = try await Self.rollouts(
                "SELECT state FROM rollouts WHERE model = $1 AND id = $2 FOR UPDATE", [rollout.model, rollout.id],
                on: session
            ).first
            guard stored == previous else {
                throw StoreError.conflict("rollout \(rollout.id) of \(rollout.model) changed meanwhile; read it again")
            }
            try await session.execute(
                "UPDATE rollouts SET status = $1, state = $2, updated_at = $3 WHERE model = $4 AND id = $5",
                [rollout.status.rawValue, try CanonicalJSON.text(rollout), time.text, rollout.model, rollout.id])
            for entry in audits { try await PostgresAuditLog.append(entry, at: time, on: session) }
        }
    }

    private static func versionRoutings(on session: PostgresSession) async throws -> [String: VersionRouting] {
        AppDatabase.versionRoutings(from: try await rollouts(AppDatabase.lastPromotedAndActiveSQL, [], on: session))
    }

    private static func rollouts(
        _ sql: String, _ arguments: [(any DatabaseValueConvertible)?], on session: PostgresSession
    ) async throws -> [Rollout] {
        try await session.rows(sql, arguments).map { row in try AppDatabase.decodeRollout(row["state"]) }
    }
}

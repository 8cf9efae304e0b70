import Foundation
import GRDB
import SwitchyardCore

/// Each model's rollouts, newest last, and the version routing they put in force. Every write commits its audit
/// events in the same transaction; an update applies only over the state it was decided from, so the rollout loop
/// and an operator never overwrite each other's step.
extension AppDatabase {
    /// A model's rollouts, newest first.
    public func rollouts(model: String) async throws -> [Rollout] {
        try await read { db in
            try Self.rollouts(sql: "SELECT state FROM rollouts WHERE model = ? ORDER BY id DESC", arguments: [model], in: db)
        }
    }

    /// Every active rollout (progressing or paused), by model name.
    public func activeRollouts() async throws -> [String: Rollout] {
        try await read { db in
            let active = try Self.rollouts(
                sql: "SELECT state FROM rollouts WHERE status IN ('progressing', 'paused') ORDER BY model", arguments: [], in: db)
            return Dictionary(active.map { ($0.model, $0) }) { first, _ in first }
        }
    }

    /// Per model with a rollout, the versions its rollouts put in force: the version its last promoted rollout made
    /// stable, and the active rollout's split. Models never rolled out route to their unversioned units.
    public func versionRoutings() async throws -> [String: VersionRouting] {
        try await read { db in try Self.versionRoutings(in: db) }
    }

    static func versionRoutings(in db: Database) throws -> [String: VersionRouting] {
        // Only the last promoted and any active rollout of each model matter.
        versionRoutings(from: try rollouts(sql: lastPromotedAndActiveSQL, arguments: [], in: db))
    }

    /// The rollouts ``versionRoutings(from:)`` needs: each model's last promoted and any active one, by model and id.
    static let lastPromotedAndActiveSQL = """
        SELECT state FROM rollouts r WHERE status IN ('progressing', 'paused')
           OR id = (SELECT MAX(id) FROM rollouts p WHERE p.model = r.model AND p.status = 'promoted')
        ORDER BY model, id
        """

    /// Per model, the stable version (its last promoted rollout's target) and the active rollout.
    static func versionRoutings(from rows: [Rollout]) -> [String: VersionRouting] {
        var routings: [String: VersionRouting] = [:]
        for model in Set(rows.map(\.model)) {
            let mine = rows.filter { $0.model == model }
            let stable = mine.last { $0.status == .promoted }?.toVersion
            routings[model] = VersionRouting(stable: stable, active: mine.first(where: \.isActive))
        }
        return routings
    }

    /// The stable version of a model: the target of its last promoted rollout; nil when none was promoted.
    public func stableVersion(model: String) async throws -> String? {
        try await read { db in try Self.versionRoutings(in: db)[model]?.stable }
    }

    /// Starts a rollout: the request checked against the model, its units and stable version, numbered after the
    /// model's last, stored with its `rollout`/`create` audit event.
    /// - Throws: `StoreError.notFound` for an unknown model, `.invalid` naming each bad field, `.conflict` when the
    ///   model already has an active rollout.
    public func startRollout(model name: String, request: RolloutRequest, now: Date, context: ChangeContext) async throws -> Rollout {
        try await write { db in
            guard let model = try ServedModel.fetchStored(named: name, in: db)?.value else {
                throw StoreError.notFound(kind: .model, name: name)
            }
            if let active = try Self.rollouts(
                sql: "SELECT state FROM rollouts WHERE model = ? AND status IN ('progressing', 'paused')", arguments: [name], in: db
            ).first {
                throw StoreError.conflict(
                    "\(name) has an active rollout to \(active.toVersion) (\(active.status.rawValue)); promote or abort it first")
            }
            let units = try DeploymentUnit.fetchAllValues(in: db).filter { $0.model == name }
            let stable = try Self.versionRoutings(in: db)[name]?.stable
            let next = (try Int.fetchOne(db, sql: "SELECT MAX(id) FROM rollouts WHERE model = ?", arguments: [name]) ?? 0) + 1
            let rollout: Rollout
            do {
                rollout = try request.rollout(id: next, model: model, stable: stable, units: units, now: Self.stored(now))
            } catch let error as RolloutViolations {
                throw StoreError.invalid(error.violations)
            }
            let time = self.now()
            try db.execute(
                sql: "INSERT INTO rollouts (model, id, status, state, updated_at) VALUES (?, ?, ?, ?, ?)",
                arguments: [name, next, rollout.status.rawValue, try CanonicalJSON.text(rollout), time.text])
            try AuditLog.append(
                try AuditEntry(
                    actor: context.actor, action: .create, kind: .rollout, name: name, after: rollout,
                    requestID: context.requestID, reason: context.reason ?? rollout.reason),
                at: time, in: db)
            return rollout
        }
    }

    /// Stores `rollout` over `previous` with its audit events; `.conflict` when the stored rollout is no longer
    /// `previous` (another replica, the loop or an operator moved it first).
    public func updateRollout(_ rollout: Rollout, from previous: Rollout, audits: [AuditEntry]) async throws {
        try await write { db in
            // Compared as values read back the same way, not as text: a time need not format back to its digits.
            let stored = try Self.rollouts(
                sql: "SELECT state FROM rollouts WHERE model = ? AND id = ?", arguments: [rollout.model, rollout.id], in: db
            ).first
            guard stored == previous else {
                throw StoreError.conflict("rollout \(rollout.id) of \(rollout.model) changed meanwhile; read it again")
            }
            let time = self.now()
            try db.execute(
                sql: "UPDATE rollouts SET status = ?, state = ?, updated_at = ? WHERE model = ? AND id = ?",
                arguments: [rollout.status.rawValue, try CanonicalJSON.text(rollout), time.text, rollout.model, rollout.id])
            for entry in audits { try AuditLog.append(entry, at: time, in: db) }
        }
    }

    /// Rollout dates as the store keeps them (milliseconds), so a value read back equals the one written.
    static func stored(_ date: Date) -> Date { Timestamp.normalized(date).date }

    private static func rollouts(sql: String, arguments: StatementArguments, in db: Database) throws -> [Rollout] {
        try String.fetchAll(db, sql: sql, arguments: arguments).map(decodeRollout)
    }

    /// A rollout from its stored canonical JSON.
    static func decodeRollout(_ text: String) throws -> Rollout {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            try Timestamp.date(try decoder.singleValueContainer().decode(String.self))
        }
        return try decoder.decode(Rollout.self, from: Data(text.utf8))
    }
}

import Foundation
import GRDB
import SwitchyardCore

/// The failover loop's state on PostgreSQL, with ``AppDatabase``'s rules: a pass commits pools, routing, folded
/// signals and audit events together, and never overwrites a pin. Passes and pins by every replica queue on one
/// transaction lock, as SQLite's single writer orders them.
extension PostgresDatabase: FailoverStore {
    @discardableResult
    public func recordCapacitySignal(_ signal: CapacitySignal, context: ChangeContext) async throws -> StoredCapacitySignal {
        let time = now()
        return try await write { session in
            let row = try await session.row(
                """
                INSERT INTO capacity_signals (pool, condition, source, reason, observed_at, evidence, received_at)
                VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id
                """,
                [
                    signal.pool, signal.condition.rawValue, signal.source.rawValue, signal.reason,
                    FailoverDocuments.timeText(signal.observedAt), signal.evidence, time.text,
                ])
            guard let id: Int64 = row?["id"] else { throw StoredDataError.malformed(column: "id", value: "missing") }
            try await PostgresAuditLog.append(
                try AuditEntry(
                    actor: context.actor, action: .report, kind: .capacitySignal, name: signal.pool,
                    after: signal, requestID: context.requestID,
                    reason: context.reason ?? "\(signal.condition.rawValue): \(signal.reason)"),
                at: time, on: session)
            return StoredCapacitySignal(id: id, signal: signal, receivedAt: time.date)
        }
    }

    public func pendingCapacitySignals() async throws -> [StoredCapacitySignal] {
        try await read { session in
            try await session.rows("SELECT * FROM capacity_signals WHERE folded_at IS NULL ORDER BY id")
                .map(FailoverDocuments.storedSignal(from:))
        }
    }

    public func capacitySignals(since: Date, limit: Int = 10_000) async throws -> [CapacitySignal] {
        try await read { session in
            try await session.rows(
                """
                SELECT * FROM capacity_signals WHERE CAST(observed_at AS DOUBLE PRECISION) >= $1
                ORDER BY CAST(observed_at AS DOUBLE PRECISION) DESC, id DESC LIMIT $2
                """,
                [since.timeIntervalSince1970, max(1, limit)]
            ).map { try FailoverDocuments.storedSignal(from: $0).signal }.reversed()
        }
    }

    public func failoverState() async throws -> FailoverState {
        try await failoverCache.value(for: 0) { try await self.read { session in try await Self.failoverState(on: session) } }
            ?? FailoverState()
    }

    public var failoverGeneration: Int { failoverCache.generation }

    public func commitFailoverPass(state: FailoverState, foldedSignals: [Int64], audits: [AuditEntry]) async throws {
        let time = now()
        try await write { session in
            try await Self.lockFailover(on: session)
            let stored = try await Self.failoverState(on: session)
            let pools = Set(state.pools.keys).union(state.latestSignals.keys).union(stored.pools.keys)
            for pool in pools.sorted() {
                try await Self.savePool(
                    pool, health: state.health(of: pool), latest: state.latestSignals[pool], at: time.text, on: session)
            }
            for (model, routing) in state.models.sorted(by: { $0.key < $1.key }) {
                var committed = routing
                committed.pin = stored.models[model]?.pin
                try await Self.saveModel(committed, at: time.text, on: session)
            }
            for id in foldedSignals {
                try await session.execute(
                    "UPDATE capacity_signals SET folded_at = $1 WHERE id = $2 AND folded_at IS NULL", [time.text, id])
            }
            for draft in audits {
                try await PostgresAuditLog.append(draft, at: time, on: session)
            }
        }
    }

    public func waitForCapacitySignal(timeout: Duration) async -> Bool {
        await capacitySignalsRecorded.wait(timeout: timeout)
    }

    @discardableResult
    public func setFailoverPin(
        model: String, pin: ModelConfiguration?, context: ChangeContext
    ) async throws -> (before: ModelRouting, after: ModelRouting) {
        let time = now()
        let change = try await write { session in
            try await Self.lockFailover(on: session)
            let before = try await Self.failoverState(on: session).routing(of: model)
            var after = before
            after.pin = pin
            try await Self.saveModel(after, at: time.text, on: session)
            try await PostgresAuditLog.append(
                try AuditEntry(
                    actor: context.actor, action: pin == nil ? .unpin : .pin, kind: .failover,
                    name: model, before: FailoverAuditRouting(before),
                    after: FailoverAuditRouting(after), requestID: context.requestID,
                    reason: context.reason ?? (pin.map { "pinned to \($0)" } ?? "unpinned")),
                at: time, on: session)
            return PinChange(before: before, after: after)
        }
        return (change.before, change.after)
    }

    private struct PinChange: Sendable {
        var before: ModelRouting
        var after: ModelRouting
    }

    /// Held until the transaction ends: a pass reads the stored pins and writes routing over them, so a pin set by
    /// another replica meanwhile must wait rather than be overwritten.
    private static func lockFailover(on session: PostgresSession) async throws {
        try await session.execute("SELECT pg_advisory_xact_lock(hashtext('switchyard/failover'))")
    }

    private static func failoverState(on session: PostgresSession) async throws -> FailoverState {
        try FailoverDocuments.state(
            pools: try await session.rows("SELECT pool, health, latest_signal FROM failover_pools"),
            models: try await session.rows("SELECT model, routing FROM failover_models"))
    }

    private static func savePool(
        _ pool: String, health: PoolHealth, latest: CapacitySignal?, at time: String, on session: PostgresSession
    ) async throws {
        let (stateName, since) = FailoverDocuments.healthColumns(health)
        try await session.execute(
            """
            INSERT INTO failover_pools (pool, state, since, health, latest_signal, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6)
            ON CONFLICT (pool) DO UPDATE SET state = excluded.state, since = excluded.since,
                health = excluded.health, latest_signal = excluded.latest_signal, updated_at = excluded.updated_at
                WHERE failover_pools.health IS DISTINCT FROM excluded.health
                   OR failover_pools.latest_signal IS DISTINCT FROM excluded.latest_signal
            """,
            [
                pool, stateName, since.map(Timestamp.text), try FailoverDocuments.text(health),
                try latest.map { try FailoverDocuments.text($0) }, time,
            ])
    }

    private static func saveModel(_ routing: ModelRouting, at time: String, on session: PostgresSession) async throws {
        try await session.execute(
            """
            INSERT INTO failover_models (model, configuration, since, reason, pinned, routing, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7)
            ON CONFLICT (model) DO UPDATE SET configuration = excluded.configuration, since = excluded.since,
                reason = excluded.reason, pinned = excluded.pinned, routing = excluded.routing,
                updated_at = excluded.updated_at
                WHERE failover_models.routing IS DISTINCT FROM excluded.routing
            """,
            [
                routing.model, routing.configuration.description, routing.since.map(Timestamp.text),
                routing.reason.rawValue, routing.pin == nil ? 0 : 1, try FailoverDocuments.text(routing), time,
            ])
    }
}

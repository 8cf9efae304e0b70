import Foundation
import GRDB
import SwitchyardCore

/// The failover loop's state: capacity signals received, pool health and per-model routing (with pins).
///
/// Signals are recorded as pending and folded by a pass; a pass commits the pool health, the routing it
/// pushed successfully, the signals it folded and its audit events in one transaction. Pins are written by
/// operators at any time, so a pass never overwrites a pin: the stored one wins at commit.
extension AppDatabase {
    /// Records a capacity signal as pending, with its audit event, and returns it as stored.
    @discardableResult
    public func recordCapacitySignal(_ signal: CapacitySignal, context: ChangeContext) async throws -> StoredCapacitySignal {
        try await write { db in
            let time = self.now()
            try db.execute(
                sql: """
                    INSERT INTO capacity_signals (pool, condition, source, reason, observed_at, evidence, received_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    signal.pool, signal.condition.rawValue, signal.source.rawValue, signal.reason,
                    FailoverDocuments.timeText(signal.observedAt), signal.evidence, time.text,
                ])
            let id = db.lastInsertedRowID
            try AuditLog.append(
                try AuditEntry(
                    actor: context.actor, action: .report, kind: .capacitySignal, name: signal.pool,
                    after: signal, requestID: context.requestID,
                    reason: context.reason ?? "\(signal.condition.rawValue): \(signal.reason)"),
                at: time, in: db)
            return StoredCapacitySignal(id: id, signal: signal, receivedAt: time.date)
        }
    }

    /// Signals not yet folded by a pass, in the order received.
    public func pendingCapacitySignals() async throws -> [StoredCapacitySignal] {
        try await read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM capacity_signals WHERE folded_at IS NULL ORDER BY id")
                .map(FailoverDocuments.storedSignal(from:))
        }
    }

    /// The signals observed at or after `since`, oldest first, at most `limit` of the newest: what `auto`
    /// standby counts shortage episodes from.
    public func capacitySignals(since: Date, limit: Int = 10_000) async throws -> [CapacitySignal] {
        try await read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT * FROM capacity_signals WHERE CAST(observed_at AS REAL) >= ?
                    ORDER BY CAST(observed_at AS REAL) DESC, id DESC LIMIT ?
                    """,
                arguments: [since.timeIntervalSince1970, max(1, limit)]
            ).map { try FailoverDocuments.storedSignal(from: $0).signal }.reversed()
        }
    }

    /// The committed failover state: pool health, latest signals and model routing (pins included).
    public func failoverState() async throws -> FailoverState {
        // One key: the whole state. A pass that changes nothing writes no row, so it keeps the held state.
        try await failoverCache.value(for: 0) { try await self.read { db in try FailoverDocuments.state(in: db) } }
            ?? FailoverState()
    }

    public var failoverGeneration: Int { failoverCache.generation }

    /// Commits a pass: `state`'s pools and models (each model keeping the pin stored now), marks
    /// `foldedSignals` as folded, and appends `audits`, all in one transaction.
    public func commitFailoverPass(state: FailoverState, foldedSignals: [Int64], audits: [AuditEntry]) async throws {
        try await write { db in
            let time = self.now()
            let stored = try FailoverDocuments.state(in: db)
            let pools = Set(state.pools.keys).union(state.latestSignals.keys).union(stored.pools.keys)
            for pool in pools.sorted() {
                try FailoverDocuments.savePool(
                    pool, health: state.health(of: pool), latest: state.latestSignals[pool], at: time.text, in: db)
            }
            for (model, routing) in state.models.sorted(by: { $0.key < $1.key }) {
                var committed = routing
                committed.pin = stored.models[model]?.pin
                try FailoverDocuments.saveModel(committed, at: time.text, in: db)
            }
            for id in foldedSignals {
                try db.execute(
                    sql: "UPDATE capacity_signals SET folded_at = ? WHERE id = ? AND folded_at IS NULL",
                    arguments: [time.text, id])
            }
            for draft in audits {
                try AuditLog.append(draft, at: time, in: db)
            }
        }
    }

    /// Sets (or with nil removes) a model's operator pin, with its audit event; returns the routing before and after.
    /// The switch itself happens at the next pass.
    public func waitForCapacitySignal(timeout: Duration) async -> Bool {
        try? await Task.sleep(for: timeout)
        return false
    }

    @discardableResult
    public func setFailoverPin(
        model: String, pin: ModelConfiguration?, context: ChangeContext
    ) async throws -> (before: ModelRouting, after: ModelRouting) {
        try await write { db in
            let time = self.now()
            let before = try FailoverDocuments.state(in: db).routing(of: model)
            var after = before
            after.pin = pin
            try FailoverDocuments.saveModel(after, at: time.text, in: db)
            try AuditLog.append(
                try AuditEntry(
                    actor: context.actor, action: pin == nil ? .unpin : .pin, kind: .failover,
                    name: model, before: FailoverAuditRouting(before),
                    after: FailoverAuditRouting(after), requestID: context.requestID,
                    reason: context.reason ?? (pin.map { "pinned to \($0)" } ?? "unpinned")),
                at: time, in: db)
            return (before, after)
        }
    }
}

/// How a model's routing appears in audit before/after: the configuration by name, and the evidence.
public struct FailoverAuditRouting: Codable, Sendable, Equatable {
    public var configuration: String
    public var strategy: StrategyKind
    public var excludedPools: [String]
    public var since: Date?
    public var reason: TransitionReason
    public var detail: String
    public var pin: String?
    public var evidence: [CapacitySignal]

    public init(_ routing: ModelRouting) {
        configuration = routing.configuration.description
        strategy = routing.configuration.strategy
        excludedPools = routing.configuration.excludedPools
        since = routing.since
        reason = routing.reason
        detail = routing.detail
        pin = routing.pin?.description
        evidence = routing.evidence
    }
}

/// Row and JSON conversions of the failover tables. Documents keep dates as seconds since 1970, which
/// round-trip exactly, so the state read back equals the state committed.
enum FailoverDocuments {
    static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return encoder
    }

    static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return decoder
    }

    static func text<Value: Encodable>(_ value: Value) throws -> String {
        String(decoding: try encoder().encode(value), as: UTF8.self)
    }

    static func decode<Value: Decodable>(_ type: Value.Type, _ text: String) throws -> Value {
        try decoder().decode(type, from: Data(text.utf8))
    }

    /// Signal times as exact seconds, so a signal read back compares equal to the one recorded.
    static func timeText(_ date: Date) -> String {
        String(date.timeIntervalSince1970)
    }

    static func time(_ text: String) throws -> Date {
        guard let seconds = Double(text) else { throw StoredDataError.malformed(column: "observed_at", value: text) }
        return Date(timeIntervalSince1970: seconds)
    }

    static func storedSignal(from row: Row) throws -> StoredCapacitySignal {
        let conditionText: String = row["condition"]
        let sourceText: String = row["source"]
        guard let condition = CapacityCondition(rawValue: conditionText) else {
            throw StoredDataError.malformed(column: "condition", value: conditionText)
        }
        guard let source = CapacitySignalSource(rawValue: sourceText) else {
            throw StoredDataError.malformed(column: "source", value: sourceText)
        }
        let signal = CapacitySignal(
            pool: row["pool"], condition: condition, source: source, reason: row["reason"],
            observedAt: try time(row["observed_at"]), evidence: row["evidence"])
        let folded: String? = row["folded_at"]
        return StoredCapacitySignal(
            id: row["id"], signal: signal, receivedAt: try Timestamp.date(row["received_at"]),
            foldedAt: try folded.map(Timestamp.date))
    }

    static func state(in db: Database) throws -> FailoverState {
        try state(
            pools: Row.fetchAll(db, sql: "SELECT pool, health, latest_signal FROM failover_pools"),
            models: Row.fetchAll(db, sql: "SELECT model, routing FROM failover_models"))
    }

    /// The state held in rows of `failover_pools` (pool, health, latest_signal) and `failover_models` (model, routing).
    static func state(pools: [Row], models: [Row]) throws -> FailoverState {
        var state = FailoverState()
        for row in pools {
            let pool: String = row["pool"]
            let health = try decode(PoolHealth.self, row["health"])
            if !health.isHealthy { state.pools[pool] = health }
            if let latest: String = row["latest_signal"] {
                state.latestSignals[pool] = try decode(CapacitySignal.self, latest)
            }
        }
        for row in models {
            state.models[row["model"]] = try decode(ModelRouting.self, row["routing"])
        }
        return state
    }

    /// The `state` column and `since` of a pool's health.
    static func healthColumns(_ health: PoolHealth) -> (state: String, since: Date?) {
        switch health {
        case .healthy: ("healthy", nil)
        case .short(let since, _, _): ("short", since)
        case .recovering(let healthySince, _): ("recovering", healthySince)
        }
    }

    static func savePool(_ pool: String, health: PoolHealth, latest: CapacitySignal?, at time: String, in db: Database) throws {
        let (stateName, since) = healthColumns(health)
        try db.execute(
            sql: """
                INSERT INTO failover_pools (pool, state, since, health, latest_signal, updated_at)
                VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (pool) DO UPDATE SET state = excluded.state, since = excluded.since,
                    health = excluded.health, latest_signal = excluded.latest_signal, updated_at = excluded.updated_at
                    WHERE failover_pools.health IS NOT excluded.health
                       OR failover_pools.latest_signal IS NOT excluded.latest_signal
                """,
            arguments: [
                pool, stateName, since.map(Timestamp.text), try text(health), try latest.map { try text($0) }, time,
            ])
    }

    static func saveModel(_ routing: ModelRouting, at time: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO failover_models (model, configuration, since, reason, pinned, routing, updated_at)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (model) DO UPDATE SET configuration = excluded.configuration, since = excluded.since,
                    reason = excluded.reason, pinned = excluded.pinned, routing = excluded.routing,
                    updated_at = excluded.updated_at
                    WHERE failover_models.routing IS NOT excluded.routing
                """,
            arguments: [
                routing.model, routing.configuration.description, routing.since.map(Timestamp.text),
                routing.reason.rawValue, routing.pin == nil ? 0 : 1, try text(routing), time,
            ])
    }
}

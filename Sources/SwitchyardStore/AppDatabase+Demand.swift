import Foundation
import GRDB
import SwitchyardCore

/// Observed demand per model, kept for a bounded retention so the forecaster has a day of history and more.
///
/// Samples polled from a source are observations, not changes to what Switchyard runs, so they are stored
/// without an audit event; a sample reported by a person (with a `ChangeContext`) is audited like any write.
extension AppDatabase {
    /// The audit kind of an operator's demand report (action `report`).
    /// How long samples are kept: eight days, so the one-day time-of-day profile always has a day before it.
    public static let defaultDemandRetention: TimeInterval = DemandRetention.defaultSeconds
    /// The most samples one read returns; the newest are kept.
    public static let maximumDemandSamplesPerRead = DemandRetention.maximumSamplesPerRead

    /// Stores `samples` (a repeated model, time and source replaces the rate), then prunes the same models'
    /// samples older than `retention` before the store's clock, all in one transaction. Each sample must
    /// keep ``DemandSample/violations(at:retentionSeconds:)`` (`invalid`, naming the field) and name a
    /// registered model (`notFound`). With a `context` the report is audited. Returns the samples as stored
    /// (times to the millisecond).
    @discardableResult
    public func appendDemandSamples(
        _ samples: [DemandSample], retention: TimeInterval = defaultDemandRetention, context: ChangeContext? = nil
    ) async throws -> [DemandSample] {
        let time = now()
        for (index, sample) in samples.enumerated() {
            let violations = sample.violations(at: time.date, retentionSeconds: retention)
            guard violations.isEmpty else {
                throw StoreError.invalid(violations.map { violation in
                    samples.count == 1 ? violation
                        : FieldViolation(field: "[\(index)].\(violation.field)", message: violation.message)
                })
            }
        }
        return try await write { db in
            var stored: [DemandSample] = []
            for model in Set(samples.map(\.model)).sorted() {
                guard try Bool.fetchOne(db, sql: "SELECT 1 FROM models WHERE name = ?", arguments: [model]) == true else {
                    throw StoreError.notFound(kind: .model, name: model)
                }
            }
            for sample in samples {
                let observed = Timestamp.normalized(sample.observedAt)
                try db.execute(
                    sql: """
                        INSERT INTO demand_samples (model, observed_at, source, rps) VALUES (?, ?, ?, ?)
                        ON CONFLICT (model, observed_at, source) DO UPDATE SET rps = excluded.rps
                        """,
                    arguments: [sample.model, observed.text, sample.source, sample.rps])
                let kept = DemandSample(model: sample.model, observedAt: observed.date, rps: sample.rps, source: sample.source)
                stored.append(kept)
                if let context {
                    try AuditLog.append(
                        try AuditEntry(
                            actor: context.actor, action: .report, kind: .demand, name: sample.model,
                            after: kept, requestID: context.requestID,
                            reason: context.reason ?? "reported \(sample.rps) rps"),
                        at: time, in: db)
                }
            }
            let cutoff = Timestamp.text(time.date.addingTimeInterval(-retention))
            for model in Set(samples.map(\.model)).sorted() {
                try db.execute(
                    sql: "DELETE FROM demand_samples WHERE model = ? AND observed_at < ?", arguments: [model, cutoff])
            }
            return stored
        }
    }

    /// A model's samples at or after `since` (all kept when nil), oldest first: the newest `limit` of them
    /// (clamped to 1...``maximumDemandSamplesPerRead``). `notFound` when no such model is registered.
    public func demandSamples(model: String, since: Date? = nil, limit: Int = maximumDemandSamplesPerRead)
        async throws -> [DemandSample]
    {
        let limit = max(1, min(limit, Self.maximumDemandSamplesPerRead))
        return try await read { db in
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM models WHERE name = ?", arguments: [model]) == true else {
                throw StoreError.notFound(kind: .model, name: model)
            }
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT observed_at, source, rps FROM demand_samples
                    WHERE model = ? AND observed_at >= ?
                    ORDER BY observed_at DESC, source DESC LIMIT ?
                    """,
                arguments: [model, since.map(Timestamp.text) ?? "", limit])
            return try rows.reversed().map { row in
                DemandSample(
                    model: model, observedAt: try Timestamp.date(row["observed_at"]), rps: row["rps"], source: row["source"])
            }
        }
    }
}

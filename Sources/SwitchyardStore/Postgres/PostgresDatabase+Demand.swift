import Foundation
import GRDB
import SwitchyardCore

extension PostgresDatabase: DemandStore {
    @discardableResult
    public func appendDemandSamples(
        _ samples: [DemandSample], retention: TimeInterval = DemandRetention.defaultSeconds, context: ChangeContext? = nil
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
        return try await write { session in
            let models = Set(samples.map(\.model)).sorted()
            for model in models { try await Self.requireModel(model, on: session) }
            var stored: [DemandSample] = []
            for sample in samples {
                let observed = Timestamp.normalized(sample.observedAt)
                try await session.execute(
                    """
                    INSERT INTO demand_samples (model, observed_at, source, rps) VALUES ($1, $2, $3, $4)
                    ON CONFLICT (model, observed_at, source) DO UPDATE SET rps = excluded.rps
                    """,
                    [sample.model, observed.text, sample.source, sample.rps])
                let kept = DemandSample(model: sample.model, observedAt: observed.date, rps: sample.rps, source: sample.source)
                stored.append(kept)
                if let context {
                    try await PostgresAuditLog.append(
                        try AuditEntry(
                            actor: context.actor, action: .report, kind: .demand, name: sample.model,
                            after: kept, requestID: context.requestID,
                            reason: context.reason ?? "reported \(sample.rps) rps"),
                        at: time, on: session)
                }
            }
            let cutoff = Timestamp.text(time.date.addingTimeInterval(-retention))
            for model in models {
                try await session.execute(
                    "DELETE FROM demand_samples WHERE model = $1 AND observed_at < $2", [model, cutoff])
            }
            return stored
        }
    }

    public func demandSamples(model: String, since: Date? = nil, limit: Int = DemandRetention.maximumSamplesPerRead)
        async throws -> [DemandSample]
    {
        let limit = max(1, min(limit, DemandRetention.maximumSamplesPerRead))
        return try await read { session in
            try await Self.requireModel(model, on: session)
            let rows = try await session.rows(
                """
                SELECT observed_at, source, rps FROM demand_samples
                WHERE model = $1 AND observed_at >= $2
                ORDER BY observed_at DESC, source DESC LIMIT $3
                """,
                [model, since.map(Timestamp.text) ?? "", limit])
            return try rows.reversed().map { row in
                DemandSample(
                    model: model, observedAt: try Timestamp.date(row["observed_at"]), rps: row["rps"], source: row["source"])
            }
        }
    }

    /// `notFound` unless a model of that name is registered.
    static func requireModel(_ model: String, on session: PostgresSession) async throws {
        guard try await session.row("SELECT 1 AS found FROM models WHERE name = $1", [model]) != nil else {
            throw StoreError.notFound(kind: .model, name: model)
        }
    }
}

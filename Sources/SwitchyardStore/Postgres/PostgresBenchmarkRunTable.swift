import GRDB
import SwitchyardCore

/// Rows of `benchmark_runs` and their `benchmark_samples` on PostgreSQL.
enum PostgresBenchmarkRunTable {
    static func runs(unit: String, on session: PostgresSession) async throws -> [BenchmarkRun] {
        try await decodeRuns(
            session.rows("SELECT * FROM benchmark_runs WHERE unit = $1 ORDER BY id", [unit]),
            samples: session.rows(
                """
                SELECT s.* FROM benchmark_samples s JOIN benchmark_runs r ON r.id = s.run_id
                WHERE r.unit = $1 ORDER BY s.run_id, s.position
                """, [unit]))
    }

    /// Every run, ordered by unit name then id.
    static func allRuns(on session: PostgresSession) async throws -> [BenchmarkRun] {
        try await decodeRuns(
            session.rows("SELECT * FROM benchmark_runs ORDER BY unit, id"),
            samples: session.rows("SELECT * FROM benchmark_samples ORDER BY run_id, position"))
    }

    static func run(unit: String, id: Int64, on session: PostgresSession) async throws -> BenchmarkRun? {
        try await decodeRuns(
            session.rows("SELECT * FROM benchmark_runs WHERE unit = $1 AND id = $2", [unit, id]),
            samples: session.rows("SELECT * FROM benchmark_samples WHERE run_id = $1 ORDER BY position", [id])
        ).first
    }

    /// Inserts the run (ignoring any id it carries) and returns it with the id assigned.
    static func insert(_ run: BenchmarkRun, at time: String, on session: PostgresSession) async throws -> BenchmarkRun {
        let row = try await session.row(
            "INSERT INTO benchmark_runs (unit, recorded_at, note, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
            [run.unit, run.recordedAt, run.note, time])
        guard let id: Int64 = row?["id"] else { throw StoredDataError.malformed(column: "id", value: "missing") }
        for (position, sample) in run.samples.enumerated() {
            try await session.execute(
                """
                INSERT INTO benchmark_samples
                    (run_id, position, offered_rps, throughput_rps, p50_ms, p95_ms, p99_ms, error_rate, utilization)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                """,
                [
                    id, position, sample.offeredRPS, sample.throughputRPS, sample.p50Ms, sample.p95Ms, sample.p99Ms,
                    sample.errorRate, sample.utilization,
                ])
        }
        var stored = run
        stored.id = id
        return stored
    }

    static func delete(id: Int64, on session: PostgresSession) async throws {
        try await session.execute("DELETE FROM benchmark_runs WHERE id = $1", [id])
    }

    /// Runs from their rows, each with its samples from `samples` (rows of any runs, by run and position).
    private static func decodeRuns(_ rows: [Row], samples: [Row]) throws -> [BenchmarkRun] {
        var samplesByRun: [Int64: [BenchmarkSample]] = [:]
        for sample in samples {
            samplesByRun[sample["run_id"], default: []].append(BenchmarkSample(
                offeredRPS: sample["offered_rps"], throughputRPS: sample["throughput_rps"],
                p50Ms: sample["p50_ms"], p95Ms: sample["p95_ms"], p99Ms: sample["p99_ms"],
                errorRate: sample["error_rate"], utilization: sample["utilization"]))
        }
        return rows.map { row in
            let id: Int64 = row["id"]
            return BenchmarkRun(
                id: id, unit: row["unit"], recordedAt: row["recorded_at"], note: row["note"],
                samples: samplesByRun[id] ?? [])
        }
    }
}

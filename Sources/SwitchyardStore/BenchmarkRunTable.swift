import GRDB
import SwitchyardCore

extension BenchmarkRun {
    /// How a run is named in audit events and `referenced` errors: `unit/id`.
    static func referenceName(unit: String, id: Int64) -> String { "\(unit)/\(id)" }

    /// The run without its id, for comparing content.
    var withoutID: BenchmarkRun {
        var copy = self
        copy.id = nil
        return copy
    }
}

/// Rows of `benchmark_runs` and their `benchmark_samples`.
enum BenchmarkRunTable {
    static func runs(unit: String, in db: Database) throws -> [BenchmarkRun] {
        try decodeRuns(
            Row.fetchAll(db, sql: "SELECT * FROM benchmark_runs WHERE unit = ? ORDER BY id", arguments: [unit]), in: db)
    }

    /// Every run, ordered by unit name then id.
    static func allRuns(in db: Database) throws -> [BenchmarkRun] {
        try decodeRuns(Row.fetchAll(db, sql: "SELECT * FROM benchmark_runs ORDER BY unit, id"), in: db)
    }

    static func run(unit: String, id: Int64, in db: Database) throws -> BenchmarkRun? {
        try decodeRuns(
            Row.fetchAll(db, sql: "SELECT * FROM benchmark_runs WHERE unit = ? AND id = ?", arguments: [unit, id]),
            in: db
        ).first
    }

    /// Inserts the run (ignoring any id it carries) and returns it with the id assigned.
    static func insert(_ run: BenchmarkRun, at time: String, in db: Database) throws -> BenchmarkRun {
        try db.execute(
            sql: "INSERT INTO benchmark_runs (unit, recorded_at, note, created_at) VALUES (?, ?, ?, ?)",
            arguments: [run.unit, run.recordedAt, run.note, time])
        let id = db.lastInsertedRowID
        for (position, sample) in run.samples.enumerated() {
            try db.execute(
                sql: """
                    INSERT INTO benchmark_samples
                        (run_id, position, offered_rps, throughput_rps, p50_ms, p95_ms, p99_ms, error_rate, utilization)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    id, position, sample.offeredRPS, sample.throughputRPS, sample.p50Ms, sample.p95Ms, sample.p99Ms,
                    sample.errorRate, sample.utilization,
                ])
        }
        var stored = run
        stored.id = id
        return stored
    }

    static func delete(id: Int64, in db: Database) throws {
        try db.execute(sql: "DELETE FROM benchmark_runs WHERE id = ?", arguments: [id])
    }

    private static func decodeRuns(_ rows: [Row], in db: Database) throws -> [BenchmarkRun] {
        try rows.map { row in
            let id: Int64 = row["id"]
            let samples = try Row.fetchAll(
                db, sql: "SELECT * FROM benchmark_samples WHERE run_id = ? ORDER BY position", arguments: [id]
            ).map { sample in
                BenchmarkSample(
                    offeredRPS: sample["offered_rps"], throughputRPS: sample["throughput_rps"],
                    p50Ms: sample["p50_ms"], p95Ms: sample["p95_ms"], p99Ms: sample["p99_ms"],
                    errorRate: sample["error_rate"], utilization: sample["utilization"])
            }
            return BenchmarkRun(id: id, unit: row["unit"], recordedAt: row["recorded_at"], note: row["note"], samples: samples)
        }
    }
}

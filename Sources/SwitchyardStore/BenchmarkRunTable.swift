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

    /// The runs of `rows` with their samples: read per run for a few, in one pass over every sample for many (a
    /// whole fleet's), so that loading ten thousand runs is not ten thousand queries.
    private static func decodeRuns(_ rows: [Row], in db: Database) throws -> [BenchmarkRun] {
        let ids: [Int64] = rows.map { $0["id"] }
        var samplesByRun: [Int64: [BenchmarkSample]] = [:]
        if rows.count > 64 {
            let wanted = Set(ids)
            let samples = try Row.fetchCursor(db, sql: "SELECT * FROM benchmark_samples ORDER BY run_id, position")
            while let sample = try samples.next() {
                let run: Int64 = sample["run_id"]
                if wanted.contains(run) { samplesByRun[run, default: []].append(Self.sample(sample)) }
            }
        } else {
            for id in ids {
                samplesByRun[id] = try Row.fetchAll(
                    db, sql: "SELECT * FROM benchmark_samples WHERE run_id = ? ORDER BY position", arguments: [id]
                ).map(Self.sample)
            }
        }
        return zip(rows, ids).map { row, id in
            BenchmarkRun(id: id, unit: row["unit"], recordedAt: row["recorded_at"], note: row["note"], samples: samplesByRun[id] ?? [])
        }
    }

    private static func sample(_ row: Row) -> BenchmarkSample {
        BenchmarkSample(
            offeredRPS: row["offered_rps"], throughputRPS: row["throughput_rps"], p50Ms: row["p50_ms"], p95Ms: row["p95_ms"],
            p99Ms: row["p99_ms"], errorRate: row["error_rate"], utilization: row["utilization"])
    }
}

-- Load-test runs of a unit. A unit cannot be deleted while it still has runs.

CREATE TABLE benchmark_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    unit        TEXT NOT NULL REFERENCES units (name) ON DELETE RESTRICT,
    recorded_at TEXT,
    note        TEXT,
    created_at  TEXT NOT NULL
) STRICT;

CREATE INDEX benchmark_runs_by_unit ON benchmark_runs (unit, id);

CREATE TABLE benchmark_samples (
    run_id         INTEGER NOT NULL REFERENCES benchmark_runs (id) ON DELETE CASCADE,
    position       INTEGER NOT NULL CHECK (position >= 0),
    offered_rps    REAL NOT NULL CHECK (offered_rps >= 0),
    throughput_rps REAL NOT NULL CHECK (throughput_rps >= 0),
    p50_ms         REAL NOT NULL CHECK (p50_ms >= 0),
    p95_ms         REAL NOT NULL CHECK (p95_ms >= p50_ms),
    p99_ms         REAL NOT NULL CHECK (p99_ms >= p95_ms),
    error_rate     REAL NOT NULL CHECK (error_rate BETWEEN 0 AND 1),
    utilization    REAL NOT NULL CHECK (utilization BETWEEN 0 AND 1),
    PRIMARY KEY (run_id, position)
) STRICT;

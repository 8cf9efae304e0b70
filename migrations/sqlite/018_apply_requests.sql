-- Applies asked of a replica that does not lead, handed to the leader through the database: the follower queues a
-- pending row and waits; the leader takes it (running), pushes, and records the outcome (the report, or the error,
-- as JSON); a request no leader took in time is withdrawn by the follower.
CREATE TABLE apply_requests (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    models       TEXT CHECK (models IS NULL OR json_type(models) = 'array'),
    actor        TEXT NOT NULL,
    request_id   TEXT NOT NULL,
    reason       TEXT,
    status       TEXT NOT NULL CHECK (status IN ('pending', 'running', 'done', 'failed', 'withdrawn')),
    outcome      TEXT CHECK (outcome IS NULL OR json_valid(outcome)),
    requested_at TEXT NOT NULL,
    finished_at  TEXT
) STRICT;

CREATE INDEX apply_requests_pending ON apply_requests (status, id);

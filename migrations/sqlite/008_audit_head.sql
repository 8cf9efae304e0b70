-- The audit chain's head and its verified checkpoints, kept apart from the events: deleting the newest events
-- leaves the head pointing past them, and verification starts from the last checkpoint instead of the first event.

CREATE TABLE audit_head (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    seq   INTEGER NOT NULL CHECK (seq > 0),
    hash  TEXT NOT NULL CHECK (length(hash) = 64)
) STRICT;

INSERT INTO audit_head (id, seq, hash)
SELECT 1, seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1;

CREATE TABLE audit_checkpoints (
    seq          INTEGER PRIMARY KEY CHECK (seq > 0),
    hash         TEXT NOT NULL CHECK (length(hash) = 64),
    verified_at  TEXT NOT NULL
) STRICT;

-- The audit chain's head and its verified checkpoints, kept apart from the events: deleting the newest events
-- leaves the head pointing past them, and verification starts from the last checkpoint instead of the first event.
-- The head always has its row (seq 0 and the genesis hash before the first event): appends lock it, which orders
-- the appends of every replica into one chain.

CREATE TABLE audit_head (
    id    BIGINT PRIMARY KEY CHECK (id = 1),
    seq   BIGINT NOT NULL CHECK (seq >= 0),
    hash  TEXT NOT NULL CHECK (length(hash) = 64)
);

INSERT INTO audit_head (id, seq, hash)
SELECT 1, coalesce(max(seq), 0),
    coalesce((SELECT hash FROM audit_events ORDER BY seq DESC LIMIT 1), repeat('0', 64))
FROM audit_events;

CREATE TABLE audit_checkpoints (
    seq          BIGINT PRIMARY KEY CHECK (seq > 0),
    hash         TEXT NOT NULL CHECK (length(hash) = 64),
    verified_at  TEXT COLLATE "C" NOT NULL
);

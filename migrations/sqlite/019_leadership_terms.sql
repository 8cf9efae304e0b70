-- Leadership terms, the fencing token of pushes. One process owns a SQLite database, so its term never changes
-- hands; the table is here so that both engines offer the same operations.
CREATE TABLE leadership_terms (
    name       TEXT PRIMARY KEY CHECK (length(name) > 0),
    term       INTEGER NOT NULL CHECK (term >= 0),
    holder     TEXT,
    claimed_at TEXT
) STRICT;

INSERT INTO leadership_terms (name, term) VALUES ('controller', 0);

-- Who took a queued apply: a request left running by a leader that is gone is taken again by its successor.
ALTER TABLE apply_requests ADD COLUMN taken_by TEXT;

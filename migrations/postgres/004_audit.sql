-- The audit history: append-only, each event chained to the previous one by hash. `seq` is issued from the chain's
-- head (audit_head, 008) under its row lock, so replicas appending at once still form one chain without gaps.

CREATE TABLE audit_events (
    seq         BIGINT PRIMARY KEY,
    at          TEXT COLLATE "C" NOT NULL,
    actor       TEXT COLLATE "C" NOT NULL CHECK (length(actor) > 0),
    action      TEXT NOT NULL CHECK (length(action) > 0),
    kind        TEXT COLLATE "C" NOT NULL CHECK (length(kind) > 0),
    name        TEXT COLLATE "C" NOT NULL,
    before_json TEXT CHECK (before_json IS NULL OR json_type_of(before_json) IS NOT NULL),
    after_json  TEXT CHECK (after_json IS NULL OR json_type_of(after_json) IS NOT NULL),
    request_id  TEXT,
    reason      TEXT,
    prev_hash   TEXT NOT NULL CHECK (length(prev_hash) = 64),
    hash        TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
);

CREATE INDEX audit_events_by_entity ON audit_events (kind, name, seq);
CREATE INDEX audit_events_by_actor ON audit_events (actor, seq);
CREATE INDEX audit_events_by_time ON audit_events (at, seq);

-- SQLSTATE 23000 (integrity constraint violation): the store reports it as a conflict, as SQLite's RAISE(ABORT).
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = '23000';
END
$$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
    FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
    FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

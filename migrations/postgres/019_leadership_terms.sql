-- Leadership terms, the fencing token of pushes. A replica that becomes the leader (by the Lease or the advisory
-- lock) claims the next term before its first push; every push runs while its term is still the newest, holding the
-- row FOR SHARE, so a claim waits for a push in flight and a deposed leader's next push is refused.
CREATE TABLE leadership_terms (
    name       TEXT COLLATE "C" PRIMARY KEY CHECK (length(name) > 0),
    term       BIGINT NOT NULL CHECK (term >= 0),
    holder     TEXT,
    claimed_at TEXT COLLATE "C"
);

INSERT INTO leadership_terms (name, term) VALUES ('controller', 0);

-- Who took a queued apply: a request left running by a leader that is gone is taken again by its successor.
ALTER TABLE apply_requests ADD COLUMN taken_by TEXT;

-- A queue request's change wakes its waiters only when a row changed: a statement trigger also fires for an UPDATE
-- that found nothing, so a leader looking for work would wake itself. PostgreSQL sends one notification per
-- transaction however many rows changed.
DROP TRIGGER apply_requests_changed ON apply_requests;
CREATE TRIGGER apply_requests_changed AFTER INSERT OR UPDATE OR DELETE ON apply_requests
    FOR EACH ROW EXECUTE FUNCTION notify_table_change();

-- A capacity signal recorded by any replica wakes the leader's failover loop.
CREATE TRIGGER capacity_signals_recorded AFTER INSERT ON capacity_signals
    FOR EACH ROW EXECUTE FUNCTION notify_table_change();

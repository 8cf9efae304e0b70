-- What was last applied to each push target, object by object: the baseline for diffs and drift checks.
-- Only successful pushes write here.

CREATE TABLE applied_objects (
    target      TEXT COLLATE "C" NOT NULL CHECK (target IN ('kubernetes', 'alb-annotation', 'elbv2', 'files')),
    object_key  TEXT COLLATE "C" NOT NULL CHECK (length(object_key) > 0),
    model       TEXT COLLATE "C",
    document    TEXT NOT NULL CHECK (json_type_of(document) IS NOT NULL),
    applied_at  TEXT COLLATE "C" NOT NULL,
    PRIMARY KEY (target, object_key)
);

CREATE INDEX applied_objects_by_model ON applied_objects (model, target);

CREATE TRIGGER applied_objects_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON applied_objects
    FOR EACH STATEMENT EXECUTE FUNCTION notify_table_change();

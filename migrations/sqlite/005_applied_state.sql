-- What was last applied to each push target, object by object: the baseline for diffs and drift checks.
-- Only successful pushes write here.

CREATE TABLE applied_objects (
    target      TEXT NOT NULL CHECK (target IN ('kubernetes', 'alb-annotation', 'elbv2', 'files')),
    object_key  TEXT NOT NULL CHECK (length(object_key) > 0),
    model       TEXT,
    document    TEXT NOT NULL CHECK (json_valid(document)),
    applied_at  TEXT NOT NULL,
    PRIMARY KEY (target, object_key)
) STRICT;

CREATE INDEX applied_objects_by_model ON applied_objects (model, target);

-- Canary rollouts (issue 17): the model version a unit serves (NULL: the version before any was named), and each
-- model's rollouts from its stable version to a new one, numbered per model. At most one rollout per model is active
-- (progressing or paused); the partial unique index makes a second start a conflict, whoever races.
ALTER TABLE units ADD COLUMN version TEXT CHECK (version IS NULL OR length(version) BETWEEN 1 AND 63);

CREATE TABLE rollouts (
    model      TEXT NOT NULL REFERENCES models(name) ON DELETE CASCADE,
    id         INTEGER NOT NULL CHECK (id > 0),
    status     TEXT NOT NULL CHECK (status IN ('progressing', 'paused', 'promoted', 'rolled-back', 'aborted')),
    -- Rollout as canonical JSON: versions, steps, pause, gates, the step in force, the last reason and reading.
    state      TEXT NOT NULL CHECK (json_valid(state)),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (model, id)
) STRICT;

CREATE UNIQUE INDEX rollouts_one_active ON rollouts (model) WHERE status IN ('progressing', 'paused');

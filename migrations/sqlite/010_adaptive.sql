-- The adaptive configuration: which models run on it, and for each the mix, floors and transition in force.
ALTER TABLE models ADD COLUMN adaptive INTEGER NOT NULL DEFAULT 0 CHECK (adaptive IN (0, 1));

CREATE TABLE adaptive_states (
    model      TEXT PRIMARY KEY REFERENCES models(name) ON DELETE CASCADE,
    -- AdaptiveModelState as canonical JSON: the mix whose weights are in force, the floors, the transition.
    state      TEXT NOT NULL CHECK (json_valid(state)),
    updated_at TEXT NOT NULL
) STRICT;

-- The adaptive configuration: which models run on it, and for each the mix, floors and transition in force.
ALTER TABLE models ADD COLUMN adaptive BOOLEAN NOT NULL DEFAULT false;

CREATE TABLE adaptive_states (
    model      TEXT COLLATE "C" PRIMARY KEY REFERENCES models (name) ON DELETE CASCADE,
    -- AdaptiveModelState as canonical JSON: the mix whose weights are in force, the floors, the transition.
    state      TEXT NOT NULL CHECK (json_type_of(state) IS NOT NULL),
    updated_at TEXT COLLATE "C" NOT NULL
);

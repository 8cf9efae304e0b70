-- Spare spot nodes per model (spot nodes that may be reclaimed at once with the required capacity still carried), and
-- the observed spot node-hours and reclaims behind learned interruption rates.
-- Existing models keep no spare.
ALTER TABLE models ADD COLUMN spot_spare_nodes INTEGER NOT NULL DEFAULT 0 CHECK (spot_spare_nodes BETWEEN 0 AND 10000);

-- What each pool's spot nodes of each instance family have done: node-hours run and reclaims warned. The learned
-- interruption rate planning uses is computed from these with the pool's configured rate as the prior.
CREATE TABLE spot_observations (
    pool TEXT NOT NULL,
    family TEXT NOT NULL,
    node_hours REAL NOT NULL DEFAULT 0 CHECK (node_hours >= 0),
    interruptions INTEGER NOT NULL DEFAULT 0 CHECK (interruptions >= 0),
    updated_at TEXT NOT NULL,
    PRIMARY KEY (pool, family)
);

-- Spare spot nodes per model: spot nodes that may be reclaimed at once with the required capacity still carried.
-- Existing models keep no spare.
ALTER TABLE models ADD COLUMN spot_spare_nodes INTEGER NOT NULL DEFAULT 0 CHECK (spot_spare_nodes BETWEEN 0 AND 10000);

-- Warm standby per model (`auto` or a number of replicas) and each unit's time to serve.
ALTER TABLE models ADD COLUMN standby TEXT NOT NULL DEFAULT '0'
    CHECK (standby = 'auto' OR standby ~ '^[0-9]{1,5}$');
ALTER TABLE units ADD COLUMN time_to_serve_seconds DOUBLE PRECISION CHECK (time_to_serve_seconds > 0);

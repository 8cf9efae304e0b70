-- Observed demand per model: requests per second at a moment, and where the rate came from.
-- Kept for a bounded retention (pruned on append), long enough for a one-day time-of-day profile.
-- The key leads with (model, observed_at): a model's samples in time order, and pruning by age, are index ranges.
-- A repeated report of the same source at the same instant replaces the rate.

CREATE TABLE demand_samples (
    model       TEXT COLLATE "C" NOT NULL REFERENCES models (name) ON DELETE CASCADE,
    observed_at TEXT COLLATE "C" NOT NULL,
    source      TEXT COLLATE "C" NOT NULL CHECK (source IN ('prometheus', 'cloudwatch', 'operator', 'replay')),
    rps         DOUBLE PRECISION NOT NULL CHECK (rps >= 0 AND rps <= 10000000),
    PRIMARY KEY (model, observed_at, source)
);

-- Capacity kinds: reserved capacity beside on-demand and spot, units that run on several kinds, each pool's capacity
-- reservation and configured spot interruption rates, each model's spot share and on-demand floor. Existing rows keep
-- what they did: a unit runs on the one kind it was priced at, pools reserve nothing and carry no configured rate, and
-- models put no bound on spot beyond their units' kinds.
ALTER TABLE units ADD COLUMN capacity_types TEXT NOT NULL DEFAULT '["on-demand"]'
    CHECK (json_valid(capacity_types) AND json_type(capacity_types) = 'array');
UPDATE units SET capacity_types = json_array(capacity_type);
ALTER TABLE units ADD COLUMN pin_capacity_type INTEGER NOT NULL DEFAULT 0 CHECK (pin_capacity_type IN (0, 1));

-- {"id": "cr-...", "instanceCount": N} as canonical JSON; NULL: the pool holds no reservation.
ALTER TABLE pools ADD COLUMN reservation TEXT
    CHECK (reservation IS NULL OR (json_valid(reservation) AND json_type(reservation) = 'object'));
-- Per instance family ("*": any), the fraction of spot nodes reclaimed per hour.
ALTER TABLE pools ADD COLUMN spot_interruption_rates TEXT NOT NULL DEFAULT '{}'
    CHECK (json_valid(spot_interruption_rates) AND json_type(spot_interruption_rates) = 'object');

ALTER TABLE models ADD COLUMN spot_max_share REAL NOT NULL DEFAULT 1 CHECK (spot_max_share BETWEEN 0 AND 1);
ALTER TABLE models ADD COLUMN spot_on_demand_floor REAL NOT NULL DEFAULT 0 CHECK (spot_on_demand_floor BETWEEN 0 AND 1);

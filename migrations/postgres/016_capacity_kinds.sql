-- Capacity kinds: reserved capacity beside on-demand and spot, units that run on several kinds, each pool's capacity
-- reservation and configured spot interruption rates, each model's spot share and on-demand floor. Existing rows keep
-- what they did: a unit runs on the one kind it was priced at, pools reserve nothing and carry no configured rate, and
-- models put no bound on spot beyond their units' kinds.
ALTER TABLE units ADD COLUMN capacity_types TEXT NOT NULL DEFAULT '["on-demand"]'
    CHECK (coalesce(json_type_of(capacity_types), '') = 'array');
UPDATE units SET capacity_types = json_build_array(capacity_type)::text;
ALTER TABLE units ADD COLUMN pin_capacity_type BOOLEAN NOT NULL DEFAULT FALSE;

-- {"id": "cr-...", "instanceCount": N} as canonical JSON; NULL: the pool holds no reservation.
ALTER TABLE pools ADD COLUMN reservation TEXT
    CHECK (reservation IS NULL OR coalesce(json_type_of(reservation), '') = 'object');
-- Per instance family ("*": any), the fraction of spot nodes reclaimed per hour.
ALTER TABLE pools ADD COLUMN spot_interruption_rates TEXT NOT NULL DEFAULT '{}'
    CHECK (coalesce(json_type_of(spot_interruption_rates), '') = 'object');

ALTER TABLE models ADD COLUMN spot_max_share DOUBLE PRECISION NOT NULL DEFAULT 1 CHECK (spot_max_share BETWEEN 0 AND 1);
ALTER TABLE models ADD COLUMN spot_on_demand_floor DOUBLE PRECISION NOT NULL DEFAULT 0
    CHECK (spot_on_demand_floor BETWEEN 0 AND 1);

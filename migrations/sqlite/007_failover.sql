-- The failover loop's memory: capacity signals as received, each pool's health, each model's routing.
-- A signal stays pending (folded_at NULL) until a pass has folded it into the pool health.

CREATE TABLE capacity_signals (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    pool        TEXT NOT NULL CHECK (length(pool) > 0),
    condition   TEXT NOT NULL CHECK (condition IN ('short', 'recovered')),
    source      TEXT NOT NULL CHECK (source IN ('karpenterEvent', 'pendingPods', 'prometheus', 'operator', 'replay')),
    reason      TEXT NOT NULL,
    observed_at TEXT NOT NULL,
    evidence    TEXT NOT NULL,
    received_at TEXT NOT NULL,
    folded_at   TEXT
) STRICT;

CREATE INDEX capacity_signals_pending ON capacity_signals (folded_at, id);
CREATE INDEX capacity_signals_by_pool ON capacity_signals (pool, id);

-- One row per pool whose health is known; a pool without a row is healthy.
-- `health` is the PoolHealth document, `latest_signal` the latest signal seen whatever it changed.
CREATE TABLE failover_pools (
    pool          TEXT PRIMARY KEY CHECK (length(pool) > 0),
    state         TEXT NOT NULL CHECK (state IN ('healthy', 'short', 'recovering')),
    since         TEXT,
    health        TEXT NOT NULL CHECK (json_valid(health)),
    latest_signal TEXT CHECK (latest_signal IS NULL OR json_valid(latest_signal)),
    updated_at    TEXT NOT NULL
) STRICT;

-- One row per model whose routing left the initial cost configuration or that was pinned.
-- `routing` is the ModelRouting document; the other columns repeat parts of it for queries.
CREATE TABLE failover_models (
    model         TEXT PRIMARY KEY CHECK (length(model) > 0),
    configuration TEXT NOT NULL,
    since         TEXT,
    reason        TEXT NOT NULL,
    pinned        INTEGER NOT NULL CHECK (pinned IN (0, 1)),
    routing       TEXT NOT NULL CHECK (json_valid(routing)),
    updated_at    TEXT NOT NULL
) STRICT;

-- The registered fleet: models, instance types with their prices, capacity pools, deployment units.
-- Timestamps are UTC RFC 3339 text with milliseconds, so they sort as strings; keys and timestamps use the "C"
-- collation so that they sort byte by byte, as on SQLite, whatever the database's locale.

-- The JSON type of a text ('array', 'object', ...), or NULL when it is not JSON: CHECK constraints on JSON columns
-- fail as check violations, as on SQLite, instead of aborting with a cast error.
CREATE FUNCTION json_type_of(document text) RETURNS text LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
    RETURN jsonb_typeof(document::jsonb);
EXCEPTION WHEN others THEN
    RETURN NULL;
END
$$;

-- Tells every replica's caches which table a committed statement changed (see PostgresChangeListener).
CREATE FUNCTION notify_table_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('switchyard_changes', TG_TABLE_NAME);
    RETURN NULL;
END
$$;

CREATE TABLE models (
    name                 TEXT COLLATE "C" PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 63),
    latency_percentile   TEXT NOT NULL CHECK (latency_percentile IN ('p50', 'p95', 'p99')),
    latency_threshold_ms DOUBLE PRECISION NOT NULL CHECK (latency_threshold_ms > 0),
    max_error_rate       DOUBLE PRECISION NOT NULL CHECK (max_error_rate BETWEEN 0 AND 1),
    max_utilization      DOUBLE PRECISION NOT NULL CHECK (max_utilization > 0 AND max_utilization <= 1),
    expected_demand_rps  DOUBLE PRECISION CHECK (expected_demand_rps >= 0),
    default_strategy     TEXT NOT NULL CHECK (default_strategy IN ('cost', 'capacity', 'optimal')),
    stickiness_seconds   BIGINT CHECK (stickiness_seconds BETWEEN 0 AND 604800),
    created_at           TEXT COLLATE "C" NOT NULL,
    updated_at           TEXT COLLATE "C" NOT NULL
);

CREATE TABLE instance_types (
    name                   TEXT COLLATE "C" PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 63),
    family                 TEXT NOT NULL CHECK (length(family) > 0),
    accelerator_vendor     TEXT NOT NULL CHECK (length(accelerator_vendor) > 0),
    accelerator_name       TEXT NOT NULL CHECK (length(accelerator_name) > 0),
    accelerator_count      BIGINT NOT NULL CHECK (accelerator_count >= 1),
    accelerator_memory_gib DOUBLE PRECISION NOT NULL CHECK (accelerator_memory_gib > 0),
    device_resource        TEXT NOT NULL CHECK (length(device_resource) > 0),
    vcpu                   BIGINT NOT NULL CHECK (vcpu >= 1),
    memory_gib             DOUBLE PRECISION NOT NULL CHECK (memory_gib > 0),
    arch                   TEXT NOT NULL CHECK (arch IN ('amd64', 'arm64')),
    created_at             TEXT COLLATE "C" NOT NULL,
    updated_at             TEXT COLLATE "C" NOT NULL
);

-- One row per (type, region, capacity type); position keeps the order the client gave.
CREATE TABLE instance_type_prices (
    instance_type TEXT COLLATE "C" NOT NULL REFERENCES instance_types (name) ON DELETE CASCADE,
    position      BIGINT NOT NULL CHECK (position >= 0),
    region        TEXT NOT NULL CHECK (length(region) > 0),
    capacity_type TEXT NOT NULL CHECK (capacity_type IN ('on-demand', 'spot')),
    hourly_usd    DOUBLE PRECISION NOT NULL CHECK (hourly_usd >= 0),
    PRIMARY KEY (instance_type, position),
    UNIQUE (instance_type, region, capacity_type)
);

-- List-valued fields are JSON arrays kept as text, exactly as written; the domain never queries inside them.
CREATE TABLE pools (
    name                 TEXT COLLATE "C" PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 63),
    instance_families    TEXT NOT NULL CHECK (coalesce(json_type_of(instance_families), '') = 'array'),
    gpu_names            TEXT NOT NULL CHECK (coalesce(json_type_of(gpu_names), '') = 'array'),
    capacity_types       TEXT NOT NULL CHECK (coalesce(json_type_of(capacity_types), '') = 'array'),
    arch                 TEXT NOT NULL CHECK (coalesce(json_type_of(arch), '') = 'array'),
    taints               TEXT NOT NULL CHECK (coalesce(json_type_of(taints), '') = 'array'),
    limit_cpu            BIGINT CHECK (limit_cpu >= 0),
    limit_memory_gib     DOUBLE PRECISION CHECK (limit_memory_gib >= 0),
    limit_accelerators   BIGINT CHECK (limit_accelerators >= 0),
    limit_nodes          BIGINT CHECK (limit_nodes >= 0),
    weight               BIGINT CHECK (weight BETWEEN 1 AND 100),
    consolidation_policy TEXT NOT NULL CHECK (consolidation_policy IN ('WhenEmpty', 'WhenEmptyOrUnderutilized')),
    consolidate_after    TEXT NOT NULL CHECK (length(consolidate_after) > 0),
    created_at           TEXT COLLATE "C" NOT NULL,
    updated_at           TEXT COLLATE "C" NOT NULL
);

CREATE TABLE units (
    name                      TEXT COLLATE "C" PRIMARY KEY CHECK (length(name) BETWEEN 1 AND 63),
    model                     TEXT COLLATE "C" NOT NULL REFERENCES models (name) ON DELETE RESTRICT,
    instance_type             TEXT COLLATE "C" NOT NULL REFERENCES instance_types (name) ON DELETE RESTRICT,
    pool                      TEXT COLLATE "C" NOT NULL REFERENCES pools (name) ON DELETE RESTRICT,
    region                    TEXT NOT NULL CHECK (length(region) > 0),
    capacity_type             TEXT NOT NULL CHECK (capacity_type IN ('on-demand', 'spot')),
    runtime                   TEXT NOT NULL CHECK (length(runtime) > 0),
    image                     TEXT NOT NULL CHECK (length(image) > 0),
    min_replicas              BIGINT NOT NULL CHECK (min_replicas >= 0),
    max_replicas              BIGINT NOT NULL CHECK (max_replicas >= 1),
    k8s_namespace             TEXT NOT NULL CHECK (length(k8s_namespace) > 0),
    k8s_deployment            TEXT NOT NULL CHECK (length(k8s_deployment) > 0),
    k8s_service               TEXT NOT NULL CHECK (length(k8s_service) > 0),
    k8s_port                  BIGINT NOT NULL CHECK (k8s_port BETWEEN 1 AND 65535),
    health_path               TEXT NOT NULL CHECK (health_path LIKE '/%'),
    readiness_path            TEXT NOT NULL CHECK (readiness_path LIKE '/%'),
    target_group_arn          TEXT CHECK (target_group_arn LIKE 'arn:%'),
    manual_breaking_point_rps DOUBLE PRECISION CHECK (manual_breaking_point_rps > 0),
    enabled                   BOOLEAN NOT NULL,
    created_at                TEXT COLLATE "C" NOT NULL,
    updated_at                TEXT COLLATE "C" NOT NULL,
    CHECK (min_replicas <= max_replicas)
);

CREATE INDEX units_by_model ON units (model, name);
CREATE INDEX units_by_instance_type ON units (instance_type);
CREATE INDEX units_by_pool ON units (pool, name);

CREATE TRIGGER models_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON models
    FOR EACH STATEMENT EXECUTE FUNCTION notify_table_change();
CREATE TRIGGER instance_types_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON instance_types
    FOR EACH STATEMENT EXECUTE FUNCTION notify_table_change();
CREATE TRIGGER instance_type_prices_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON instance_type_prices
    FOR EACH STATEMENT EXECUTE FUNCTION notify_table_change();
CREATE TRIGGER pools_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON pools
    FOR EACH STATEMENT EXECUTE FUNCTION notify_table_change();
CREATE TRIGGER units_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON units
    FOR EACH STATEMENT EXECUTE FUNCTION notify_table_change();

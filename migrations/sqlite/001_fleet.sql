-- The registered fleet: models, instance types with their prices, capacity pools, deployment units.
-- Timestamps are UTC RFC 3339 text with milliseconds, so they sort as strings.

CREATE TABLE models (
    name                 TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 63),
    latency_percentile   TEXT NOT NULL CHECK (latency_percentile IN ('p50', 'p95', 'p99')),
    latency_threshold_ms REAL NOT NULL CHECK (latency_threshold_ms > 0),
    max_error_rate       REAL NOT NULL CHECK (max_error_rate BETWEEN 0 AND 1),
    max_utilization      REAL NOT NULL CHECK (max_utilization > 0 AND max_utilization <= 1),
    expected_demand_rps  REAL CHECK (expected_demand_rps >= 0),
    default_strategy     TEXT NOT NULL CHECK (default_strategy IN ('cost', 'capacity', 'optimal')),
    stickiness_seconds   INTEGER CHECK (stickiness_seconds BETWEEN 0 AND 604800),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE TABLE instance_types (
    name                   TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 63),
    family                 TEXT NOT NULL CHECK (length(family) > 0),
    accelerator_vendor     TEXT NOT NULL CHECK (length(accelerator_vendor) > 0),
    accelerator_name       TEXT NOT NULL CHECK (length(accelerator_name) > 0),
    accelerator_count      INTEGER NOT NULL CHECK (accelerator_count >= 1),
    accelerator_memory_gib REAL NOT NULL CHECK (accelerator_memory_gib > 0),
    device_resource        TEXT NOT NULL CHECK (length(device_resource) > 0),
    vcpu                   INTEGER NOT NULL CHECK (vcpu >= 1),
    memory_gib             REAL NOT NULL CHECK (memory_gib > 0),
    arch                   TEXT NOT NULL CHECK (arch IN ('amd64', 'arm64')),
    created_at             TEXT NOT NULL,
    updated_at             TEXT NOT NULL
) STRICT;

-- One row per (type, region, capacity type); position keeps the order the client gave.
CREATE TABLE instance_type_prices (
    instance_type TEXT NOT NULL REFERENCES instance_types (name) ON DELETE CASCADE,
    position      INTEGER NOT NULL CHECK (position >= 0),
    region        TEXT NOT NULL CHECK (length(region) > 0),
    capacity_type TEXT NOT NULL CHECK (capacity_type IN ('on-demand', 'spot')),
    hourly_usd    REAL NOT NULL CHECK (hourly_usd >= 0),
    PRIMARY KEY (instance_type, position),
    UNIQUE (instance_type, region, capacity_type)
) STRICT;

-- List-valued fields are JSON arrays; the domain never queries inside them.
CREATE TABLE pools (
    name                 TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 63),
    instance_families    TEXT NOT NULL CHECK (json_valid(instance_families) AND json_type(instance_families) = 'array'),
    gpu_names            TEXT NOT NULL CHECK (json_valid(gpu_names) AND json_type(gpu_names) = 'array'),
    capacity_types       TEXT NOT NULL CHECK (json_valid(capacity_types) AND json_type(capacity_types) = 'array'),
    arch                 TEXT NOT NULL CHECK (json_valid(arch) AND json_type(arch) = 'array'),
    taints               TEXT NOT NULL CHECK (json_valid(taints) AND json_type(taints) = 'array'),
    limit_cpu            INTEGER CHECK (limit_cpu >= 0),
    limit_memory_gib     REAL CHECK (limit_memory_gib >= 0),
    limit_accelerators   INTEGER CHECK (limit_accelerators >= 0),
    limit_nodes          INTEGER CHECK (limit_nodes >= 0),
    weight               INTEGER CHECK (weight BETWEEN 1 AND 100),
    consolidation_policy TEXT NOT NULL CHECK (consolidation_policy IN ('WhenEmpty', 'WhenEmptyOrUnderutilized')),
    consolidate_after    TEXT NOT NULL CHECK (length(consolidate_after) > 0),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
) STRICT;

CREATE TABLE units (
    name                      TEXT PRIMARY KEY NOT NULL CHECK (length(name) BETWEEN 1 AND 63),
    model                     TEXT NOT NULL REFERENCES models (name) ON DELETE RESTRICT,
    instance_type             TEXT NOT NULL REFERENCES instance_types (name) ON DELETE RESTRICT,
    pool                      TEXT NOT NULL REFERENCES pools (name) ON DELETE RESTRICT,
    region                    TEXT NOT NULL CHECK (length(region) > 0),
    capacity_type             TEXT NOT NULL CHECK (capacity_type IN ('on-demand', 'spot')),
    runtime                   TEXT NOT NULL CHECK (length(runtime) > 0),
    image                     TEXT NOT NULL CHECK (length(image) > 0),
    min_replicas              INTEGER NOT NULL CHECK (min_replicas >= 0),
    max_replicas              INTEGER NOT NULL CHECK (max_replicas >= 1),
    k8s_namespace             TEXT NOT NULL CHECK (length(k8s_namespace) > 0),
    k8s_deployment            TEXT NOT NULL CHECK (length(k8s_deployment) > 0),
    k8s_service               TEXT NOT NULL CHECK (length(k8s_service) > 0),
    k8s_port                  INTEGER NOT NULL CHECK (k8s_port BETWEEN 1 AND 65535),
    health_path               TEXT NOT NULL CHECK (health_path LIKE '/%'),
    readiness_path            TEXT NOT NULL CHECK (readiness_path LIKE '/%'),
    target_group_arn          TEXT CHECK (target_group_arn LIKE 'arn:%'),
    manual_breaking_point_rps REAL CHECK (manual_breaking_point_rps > 0),
    enabled                   INTEGER NOT NULL CHECK (enabled IN (0, 1)),
    created_at                TEXT NOT NULL,
    updated_at                TEXT NOT NULL,
    CHECK (min_replicas <= max_replicas)
) STRICT;

CREATE INDEX units_by_model ON units (model, name);
CREATE INDEX units_by_instance_type ON units (instance_type);
CREATE INDEX units_by_pool ON units (pool, name);

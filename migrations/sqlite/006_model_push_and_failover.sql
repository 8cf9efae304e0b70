-- Per model: where its desired state is pushed, and which configuration a shortage switches it to.

ALTER TABLE models ADD COLUMN applier TEXT NOT NULL DEFAULT 'files'
    CHECK (applier IN ('kubernetes', 'alb-annotation', 'elbv2', 'files'));
ALTER TABLE models ADD COLUMN listener_arn TEXT CHECK (listener_arn IS NULL OR listener_arn LIKE 'arn:%');
ALTER TABLE models ADD COLUMN rule_arn TEXT CHECK (rule_arn IS NULL OR rule_arn LIKE 'arn:%');
ALTER TABLE models ADD COLUMN failover_strategy TEXT NOT NULL DEFAULT 'capacity'
    CHECK (failover_strategy IN ('capacity', 'optimal'));

-- Per model: what runs its units (Deployments or KServe InferenceServices), what carries its weights (an ALB
-- Ingress, the ELBv2 API or a Gateway API HTTPRoute) and the Gateway an HTTPRoute attaches to. Existing models keep
-- what they did: Deployments, and the router their applier implied.
ALTER TABLE models ADD COLUMN workload TEXT NOT NULL DEFAULT 'deployment'
    CHECK (workload IN ('deployment', 'kserve'));
ALTER TABLE models ADD COLUMN router TEXT NOT NULL DEFAULT 'alb-ingress'
    CHECK (router IN ('alb-ingress', 'elbv2', 'gateway-api'));
UPDATE models SET router = 'elbv2' WHERE applier = 'elbv2';
ALTER TABLE models ADD COLUMN gateway_name TEXT;
ALTER TABLE models ADD COLUMN gateway_namespace TEXT CHECK (gateway_namespace IS NULL OR gateway_name IS NOT NULL);
ALTER TABLE models ADD COLUMN gateway_section_name TEXT CHECK (gateway_section_name IS NULL OR gateway_name IS NOT NULL);

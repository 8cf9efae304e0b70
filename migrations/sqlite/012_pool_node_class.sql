-- Each pool's EC2NodeClass, when it has its own: {"existing": NAME} or the node class Switchyard manages, as
-- canonical JSON (PoolNodeClass). NULL: the render settings' default node class.
ALTER TABLE pools ADD COLUMN node_class TEXT
    CHECK (node_class IS NULL OR (json_valid(node_class) AND json_type(node_class) = 'object'));

-- Per unit: the serving container's arguments, and for units of KServe models the model format, serving runtime
-- and storage URI the predictor names. Both JSON; NULL keeps what units did before (the image's own arguments, a
-- custom predictor container).
ALTER TABLE units ADD COLUMN args TEXT CHECK (args IS NULL OR coalesce(json_type_of(args), '') = 'array');
ALTER TABLE units ADD COLUMN kserve TEXT CHECK (kserve IS NULL OR coalesce(json_type_of(kserve), '') = 'object');

-- What made each version of an implementation record (issue 6 point 4: a record's page
-- shows who changed what when): 'create' (the first record of the pair), 'update' (its
-- fields changed: the page compares with the version before) or 'evidence' (an evidence
-- file added, file_id). Versions kept before this migration stay NULL: the page tells
-- them apart by comparing with the version before.
-- Keep in step with migrations/{sqlite,postgres}/0027_implementation_change.sql.
ALTER TABLE implementation_version ADD COLUMN change TEXT CHECK (change IN ('create', 'update', 'evidence'));
ALTER TABLE implementation_version ADD COLUMN file_id BIGINT REFERENCES stored_file(id);

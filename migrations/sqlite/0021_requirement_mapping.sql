-- mamori's standards mapped to the controls of imported reference catalogs, and the
-- identity of mamori's catalog as an OSCAL export (issue 6, point 8;
-- src/domain/requirement_mapping.c, src/domain/requirement_export.c).
--
-- A mapping names the reference control by its catalog and its id in the file ("ac-2"),
-- not by the row of reference_catalog_item: replacing a catalog (import --replace)
-- deletes and re-inserts its items, and the mappings must survive that — a control the
-- new file no longer has shows as such. A mapping is never deleted: ending it keeps the
-- row with who ended it and when (第11条: the record of who said what maps to what).
-- One open mapping per requirement and control. Keep in step with
-- migrations/postgres/0021_requirement_mapping.sql.
CREATE TABLE requirement_mapping (
    id             INTEGER PRIMARY KEY,
    requirement_id INTEGER NOT NULL REFERENCES requirement(id),
    catalog_id     INTEGER NOT NULL REFERENCES reference_catalog(id),
    control_id     TEXT NOT NULL,           -- reference_catalog_item.item_id: "ac-2", "ac-2.1"
    relation       TEXT NOT NULL CHECK (relation IN ('equivalent', 'partial', 'related')),
    note           TEXT,
    created_at     TEXT NOT NULL,
    created_by     INTEGER REFERENCES person(id),
    ended_at       TEXT,
    ended_by       INTEGER REFERENCES person(id)
);
CREATE UNIQUE INDEX requirement_mapping_open ON requirement_mapping(requirement_id, catalog_id, control_id)
    WHERE ended_at IS NULL;
CREATE INDEX requirement_mapping_control ON requirement_mapping(catalog_id, control_id);

-- The uuid mamori's catalog carries as an OSCAL catalog: made at the first export and
-- kept, so every export of this store names the same catalog (an importer replaces its
-- earlier copy rather than adding another).
CREATE TABLE catalog_export_identity (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    uuid       TEXT NOT NULL,
    created_at TEXT NOT NULL
);

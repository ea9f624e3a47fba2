-- Reference catalogs imported from OSCAL (issue 6, point 8; src/domain/catalog_import.c):
-- NIST SP 800-53 baselines and the like, each a catalog of its own keyed by the file's
-- uuid (two baselines share control ids, so an item id is unique only in its catalog).
-- They are read-only references: mamori's own standards (requirement, migration 0019)
-- are mapped to their items later. (Named reference_catalog so as not to be confused with
-- mamori's own standards catalog.) params / props / links / parts are kept as JSON
-- exactly as the file has them (an export gives back the same tree); statement and
-- guidance are their prose extracted for display and search, the statement once with
-- the {{ insert: param, … }} placeholders as written and once with each shown by the
-- parameter's label or choices. Keep in step with migrations/postgres/0019_oscal_catalog.sql.
CREATE TABLE reference_catalog (
    id             INTEGER PRIMARY KEY,
    uuid           TEXT NOT NULL UNIQUE,
    title          TEXT NOT NULL,
    version        TEXT,
    oscal_version  TEXT,
    last_modified  TEXT,
    params         TEXT,                    -- catalog-level params, JSON as in the file
    source_name    TEXT NOT NULL,           -- the file's name (without its directory)
    source_sha256  TEXT NOT NULL,
    imported_at    TEXT NOT NULL,
    imported_by    INTEGER REFERENCES person(id),
    n_groups       INTEGER NOT NULL DEFAULT 0,
    n_controls     INTEGER NOT NULL DEFAULT 0,
    n_enhancements INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE reference_catalog_item (
    id                INTEGER PRIMARY KEY,
    catalog_id        INTEGER NOT NULL REFERENCES reference_catalog(id),
    parent_id         INTEGER REFERENCES reference_catalog_item(id),
    kind              TEXT NOT NULL CHECK (kind IN ('group', 'control')),
    item_id           TEXT NOT NULL,        -- the file's id: "ac", "ac-2", "ac-2.1"
    class             TEXT,
    title             TEXT NOT NULL,
    sort_order        INTEGER NOT NULL,     -- the position in the file, over the whole catalog
    depth             INTEGER NOT NULL,     -- 0 for a top-level group or control
    params            TEXT,                 -- JSON as in the file, NULL when absent
    props             TEXT,
    links             TEXT,
    parts             TEXT,
    statement         TEXT,                 -- the statement part's prose, placeholders kept
    statement_display TEXT,                 -- the same with each parameter shown by its label
    guidance          TEXT,
    UNIQUE (catalog_id, item_id)
);
CREATE INDEX reference_catalog_item_tree ON reference_catalog_item(catalog_id, parent_id, sort_order);
CREATE INDEX reference_catalog_item_parent ON reference_catalog_item(parent_id);

-- Who reads and keeps the reference catalogs (DESIGN §2):
--   reference_catalog.read    the CISO, 統括, 責任者, 管理者, auditors, the committee and
--                             CSIRT (those who plan, check and report on the measures);
--   reference_catalog.manage  the CISO and 統括 (importing and replacing a catalog).
INSERT INTO permission (code, name_ja, name_en) VALUES ('reference_catalog.read', '参照カタログ（OSCAL）の閲覧', 'See reference catalogs (OSCAL)');
INSERT INTO permission (code, name_ja, name_en) VALUES ('reference_catalog.manage', '参照カタログ（OSCAL）の取込み', 'Import reference catalogs (OSCAL)');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'reference_catalog.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'reference_catalog.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'reference_catalog.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'reference_catalog.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('auditor', 'reference_catalog.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('committee', 'reference_catalog.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('csirt', 'reference_catalog.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'reference_catalog.manage');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'reference_catalog.manage');

-- The information asset ledger (情報資産管理台帳, 第2条, 第3条, 第9条; DESIGN §3): every
-- asset with its kind, owner unit, manager, place, network segment (三層の対策), format,
-- personal data and マイナンバー flags, retention, disposal method and C/I/A classes (with
-- the reason for them). Assets are never deleted: disposal records the date, method and
-- witness. Every change is kept in asset_version, so "who owned this asset on
-- 2025-10-01" has an answer. Relations are typed and ended, never deleted.
-- Keep in step with migrations/{sqlite,postgres}/0017_assets.sql.
CREATE TABLE asset (
    id               INTEGER PRIMARY KEY,
    kind             TEXT NOT NULL CHECK (kind IN ('information', 'system', 'network', 'medium', 'document', 'equipment')),
    name             TEXT NOT NULL,
    sort_key         TEXT NOT NULL,          -- NFKC-like normalised, case-folded name: the ledger's order
    description      TEXT,
    owner_unit_id    INTEGER NOT NULL REFERENCES org_unit(id),
    manager_id       INTEGER REFERENCES person(id),
    location         TEXT,
    segment          TEXT NOT NULL CHECK (segment IN ('mynumber', 'lgwan', 'internet', 'standalone', 'other')),
    format           TEXT NOT NULL CHECK (format IN ('electronic', 'paper')),
    personal_data    INTEGER NOT NULL DEFAULT 0 CHECK (personal_data IN (0, 1)),
    mynumber         INTEGER NOT NULL DEFAULT 0 CHECK (mynumber IN (0, 1)),
    retention        TEXT,                   -- 保存期間 as the body writes it: 5年, 30年, 常用
    disposal_method  TEXT,                   -- how it is to be disposed of
    c_class_id       INTEGER NOT NULL REFERENCES classification_class(id),
    i_class_id       INTEGER NOT NULL REFERENCES classification_class(id),
    a_class_id       INTEGER NOT NULL REFERENCES classification_class(id),
    class_reason     TEXT,
    status           TEXT NOT NULL DEFAULT 'in_use' CHECK (status IN ('in_use', 'disposed')),
    disposed_on      TEXT,                   -- YYYY-MM-DD
    disposed_method  TEXT,
    disposal_witness TEXT,
    created_at       TEXT NOT NULL,
    created_by       INTEGER REFERENCES person(id),
    updated_at       TEXT NOT NULL,
    version          INTEGER NOT NULL DEFAULT 1,
    CHECK (mynumber = 0 OR personal_data = 1),
    CHECK (status = 'in_use' OR (disposed_on IS NOT NULL AND disposed_method IS NOT NULL))
);
CREATE INDEX asset_sort ON asset(sort_key, id);
CREATE INDEX asset_owner ON asset(owner_unit_id, sort_key, id);
CREATE INDEX asset_manager ON asset(manager_id);
CREATE INDEX asset_c_class ON asset(c_class_id);
CREATE INDEX asset_i_class ON asset(i_class_id);
CREATE INDEX asset_a_class ON asset(a_class_id);

-- Every version of every asset, as it was from changed_at on (change: create, update,
-- dispose, reclassify).
CREATE TABLE asset_version (
    id               INTEGER PRIMARY KEY,
    asset_id         INTEGER NOT NULL REFERENCES asset(id),
    version          INTEGER NOT NULL,
    change           TEXT NOT NULL CHECK (change IN ('create', 'update', 'dispose', 'reclassify')),
    changed_at       TEXT NOT NULL,
    changed_by       INTEGER REFERENCES person(id),
    kind             TEXT NOT NULL,
    name             TEXT NOT NULL,
    description      TEXT,
    owner_unit_id    INTEGER NOT NULL,
    manager_id       INTEGER,
    location         TEXT,
    segment          TEXT NOT NULL,
    format           TEXT NOT NULL,
    personal_data    INTEGER NOT NULL,
    mynumber         INTEGER NOT NULL,
    retention        TEXT,
    disposal_method  TEXT,
    c_class_id       INTEGER NOT NULL,
    i_class_id       INTEGER NOT NULL,
    a_class_id       INTEGER NOT NULL,
    class_reason     TEXT,
    status           TEXT NOT NULL,
    disposed_on      TEXT,
    disposed_method  TEXT,
    disposal_witness TEXT,
    UNIQUE (asset_id, version)
);

-- What holds what: data stored in a system, a system (or equipment) on a network, data
-- held on a medium, a paper file or a device. from is held by to.
CREATE TABLE asset_relation (
    id            INTEGER PRIMARY KEY,
    kind          TEXT NOT NULL CHECK (kind IN ('stored_in', 'runs_on', 'held_on')),
    from_asset_id INTEGER NOT NULL REFERENCES asset(id),
    to_asset_id   INTEGER NOT NULL REFERENCES asset(id),
    created_at    TEXT NOT NULL,
    created_by    INTEGER REFERENCES person(id),
    ended_at      TEXT,
    ended_by      INTEGER REFERENCES person(id),
    CHECK (from_asset_id <> to_asset_id)
);
CREATE UNIQUE INDEX asset_relation_live ON asset_relation(kind, from_asset_id, to_asset_id) WHERE ended_at IS NULL;
CREATE INDEX asset_relation_from ON asset_relation(from_asset_id);
CREATE INDEX asset_relation_to ON asset_relation(to_asset_id);

-- A permission is used in units (a role in a unit covers its sub-units: 'unit') or only
-- on what the holder manages ('managed': a 情報システム管理者 on the systems they manage,
-- and on what those systems hold). Unit scopes (authz.h) count only 'unit' grants.
ALTER TABLE role_permission ADD COLUMN scope TEXT NOT NULL DEFAULT 'unit' CHECK (scope IN ('unit', 'managed'));

-- Who reads and keeps the ledger (第10条, DESIGN §2):
--   asset.read             the CISO, 統括, 責任者 and 管理者 in their units; auditors in their scope;
--                          CSIRT across units; システム担当者 and 職員 in their own units;
--                          システム管理者 on what they manage (the 委員会 reads reports only);
--   asset.read_restricted  the highest confidentiality classes (3A, 3B; pre-2024 3) in one's
--                          units: the owner unit's chain of security roles and auditors in scope
--                          (an asset's manager and the manager of a system holding it see it too);
--   asset.write            the CISO, 統括, 責任者 and 管理者 in their units; システム管理者 on
--                          the assets they manage.
INSERT INTO permission (code, name_ja, name_en) VALUES ('asset.read', '情報資産の閲覧', 'See information assets');
INSERT INTO permission (code, name_ja, name_en) VALUES ('asset.read_restricted', '要機密区分の情報資産の閲覧', 'See assets of the highest confidentiality classes');
INSERT INTO permission (code, name_ja, name_en) VALUES ('asset.write', '情報資産の登録・変更', 'Register and change information assets');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'asset.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'asset.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'asset.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'asset.read');
INSERT INTO role_permission (role_code, permission_code, scope) VALUES ('system_manager', 'asset.read', 'managed');
INSERT INTO role_permission (role_code, permission_code) VALUES ('system_operator', 'asset.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('auditor', 'asset.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('csirt', 'asset.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('staff', 'asset.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'asset.read_restricted');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'asset.read_restricted');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'asset.read_restricted');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'asset.read_restricted');
INSERT INTO role_permission (role_code, permission_code) VALUES ('auditor', 'asset.read_restricted');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'asset.write');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'asset.write');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'asset.write');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'asset.write');
INSERT INTO role_permission (role_code, permission_code, scope) VALUES ('system_manager', 'asset.write', 'managed');

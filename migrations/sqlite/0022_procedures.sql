-- Procedures (実施手順, 第7条): documents that say how a unit carries out requirements of
-- the standards catalog, linked to those requirements. They are not public (第11条):
-- every read of a body is an audit event (procedure.read, with the version read). Every
-- saved version is kept whole in procedure_version, so the document module can add
-- approval, effective dates and watermarked export on top without losing history.
-- Keep in step with migrations/{sqlite,postgres}/0022_procedures.sql.
CREATE TABLE procedure (
    id            INTEGER PRIMARY KEY,
    code          TEXT NOT NULL UNIQUE,          -- PROC-PHY-01 …: stable, for links
    title_ja      TEXT NOT NULL,
    title_en      TEXT,
    owner_unit_id INTEGER NOT NULL REFERENCES org_unit(id),
    body          TEXT NOT NULL DEFAULT '',      -- Markdown source
    -- 'internal' (need-to-know inside the body, 第11条); the document module adds the
    -- other classes, so the domain checks the value, not a CHECK that would need a
    -- table rebuild on SQLite to widen.
    disclosure    TEXT NOT NULL DEFAULT 'internal',
    status        TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'in_force', 'withdrawn')),
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TEXT NOT NULL,
    created_by    INTEGER REFERENCES person(id),
    updated_at    TEXT NOT NULL,
    updated_by    INTEGER REFERENCES person(id)
);
CREATE INDEX procedure_owner ON procedure(owner_unit_id);
CREATE INDEX procedure_status ON procedure(status);
-- Every version as it was saved: the body whole, who and when. requirement_ids holds
-- the linked requirements' ids of that version as a JSON array.
CREATE TABLE procedure_version (
    id              INTEGER PRIMARY KEY,
    procedure_id    INTEGER NOT NULL REFERENCES procedure(id),
    version         INTEGER NOT NULL,
    change          TEXT NOT NULL CHECK (change IN ('create', 'update')),
    changed_at      TEXT NOT NULL,
    changed_by      INTEGER REFERENCES person(id),
    code            TEXT NOT NULL,
    title_ja        TEXT NOT NULL,
    title_en        TEXT,
    owner_unit_id   INTEGER NOT NULL,
    body            TEXT NOT NULL,
    disclosure      TEXT NOT NULL,
    status          TEXT NOT NULL,
    requirement_ids TEXT NOT NULL DEFAULT '[]',
    UNIQUE (procedure_id, version)
);
CREATE TABLE procedure_requirement (
    procedure_id   INTEGER NOT NULL REFERENCES procedure(id),
    requirement_id INTEGER NOT NULL REFERENCES requirement(id),
    PRIMARY KEY (procedure_id, requirement_id)
);
CREATE INDEX procedure_requirement_req ON procedure_requirement(requirement_id);

-- Who reads and keeps procedures (第10条, 第11条; docs in src/domain/procedure.h):
-- every role reads the procedures in force — the staff who carry them out need them —
-- and each read is recorded; drafts and withdrawn ones only the managers of the owner
-- unit (procedure.manage there) and the catalog's keepers (catalog.manage). The CISO and
-- 統括 keep every unit's procedures (their roles are held at the union); department and
-- section heads (責任者, 管理者) keep those of their own units.
INSERT INTO permission (code, name_ja, name_en) VALUES ('procedure.read', '実施手順の閲覧（閲覧は記録）', 'Read procedures (every read recorded)');
INSERT INTO permission (code, name_ja, name_en) VALUES ('procedure.manage', '実施手順の作成・改訂', 'Write and revise procedures');
INSERT INTO role_permission (role_code, permission_code) SELECT code, 'procedure.read' FROM role;
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'procedure.manage');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'procedure.manage');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'procedure.manage');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'procedure.manage');

-- Implementation records and compliance (issue 6 points 4 and 6; DESIGN §3): for each
-- requirement of scope 'asset' × an asset it applies to, and each requirement of scope
-- 'unit' × an open org unit, who carries it out and how far. A pair with no record is
-- 未着手 (not_started): no row is made up front. 適用除外 (excepted) is set only by an
-- approved exception (the exception module), never through the implementation API.
-- Every change is a new row of implementation_version.
--
-- compliance_figure holds the counts the dashboards read, maintained in the same
-- transaction as every change that moves them (src/domain/compliance.c): per org unit ×
-- measure kind × confidentiality rank of the asset (0 for unit-level requirements) ×
-- status. The migration leaves it empty: compliance_recompute fills it when `migrate`
-- (or `serve`) finds compliance_state.stale = 1.
-- Keep in step with migrations/{sqlite,postgres}/0020_implementation.sql.
CREATE TABLE implementation (
    id             INTEGER PRIMARY KEY,
    requirement_id INTEGER NOT NULL REFERENCES requirement(id),
    asset_id       INTEGER REFERENCES asset(id),
    org_unit_id    INTEGER REFERENCES org_unit(id),
    status         TEXT NOT NULL CHECK (status IN ('not_started', 'partial', 'implemented', 'not_applicable', 'excepted')),
    reason         TEXT,                       -- required for not_applicable
    owner_id       INTEGER REFERENCES person(id),
    due_on         TEXT,                       -- YYYY-MM-DD
    note           TEXT,
    created_at     TEXT NOT NULL,
    created_by     INTEGER REFERENCES person(id),
    updated_at     TEXT NOT NULL,
    updated_by     INTEGER REFERENCES person(id),
    version        INTEGER NOT NULL DEFAULT 1,
    CHECK ((asset_id IS NULL) <> (org_unit_id IS NULL)),
    CHECK (status <> 'not_applicable' OR reason IS NOT NULL)
);
CREATE UNIQUE INDEX implementation_asset_pair ON implementation(requirement_id, asset_id) WHERE asset_id IS NOT NULL;
CREATE UNIQUE INDEX implementation_unit_pair ON implementation(requirement_id, org_unit_id) WHERE org_unit_id IS NOT NULL;
CREATE INDEX implementation_asset ON implementation(asset_id);
CREATE INDEX implementation_unit ON implementation(org_unit_id);

CREATE TABLE implementation_version (
    id                INTEGER PRIMARY KEY,
    implementation_id INTEGER NOT NULL REFERENCES implementation(id),
    version           INTEGER NOT NULL,
    changed_at        TEXT NOT NULL,
    changed_by        INTEGER REFERENCES person(id),
    status            TEXT NOT NULL,
    reason            TEXT,
    owner_id          INTEGER,
    due_on            TEXT,
    note              TEXT,
    UNIQUE (implementation_id, version)
);

-- Evidence: files of the platform's store (stored_file, owner_type 'implementation').
CREATE TABLE implementation_evidence (
    implementation_id INTEGER NOT NULL REFERENCES implementation(id),
    file_id           INTEGER NOT NULL REFERENCES stored_file(id),
    added_at          TEXT NOT NULL,
    added_by          INTEGER REFERENCES person(id),
    PRIMARY KEY (implementation_id, file_id)
);

CREATE TABLE compliance_figure (
    org_unit_id  INTEGER NOT NULL REFERENCES org_unit(id),
    measure_kind TEXT NOT NULL,
    c_rank       INTEGER NOT NULL,             -- the asset's confidentiality rank; 0: unit-level
    status       TEXT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (org_unit_id, measure_kind, c_rank, status)
);
CREATE TABLE compliance_state (
    id    INTEGER PRIMARY KEY CHECK (id = 1),
    stale INTEGER NOT NULL CHECK (stale IN (0, 1))
);
INSERT INTO compliance_state (id, stale) VALUES (1, 1);

-- Snapshots: the figures as they were at the turn of a month ('month', period YYYY-MM)
-- or of a 年度 ('fiscal_year', period YYYY: April to March), for the trend.
CREATE TABLE compliance_snapshot (
    id          INTEGER PRIMARY KEY,
    period_kind TEXT NOT NULL CHECK (period_kind IN ('month', 'fiscal_year')),
    period      TEXT NOT NULL,
    taken_at    TEXT NOT NULL,
    UNIQUE (period_kind, period)
);
CREATE TABLE compliance_snapshot_figure (
    snapshot_id  INTEGER NOT NULL REFERENCES compliance_snapshot(id),
    org_unit_id  INTEGER NOT NULL,
    measure_kind TEXT NOT NULL,
    c_rank       INTEGER NOT NULL,
    status       TEXT NOT NULL,
    n            INTEGER NOT NULL,
    PRIMARY KEY (snapshot_id, org_unit_id, measure_kind, c_rank, status)
);

-- Who records implementation and reads compliance (第10条, DESIGN §2):
--   implementation.write  the CISO and 統括 everywhere, 責任者 and 管理者 in their units
--                         (as asset.write; an asset's record also needs sight of the asset);
--   compliance.read       the figures of one's units: the CISO, 統括, 責任者, 管理者, auditors
--                         in their scope and the committee (reports; at the union, so all).
-- Implementation records themselves are read with asset.read, through the ledger's
-- need-to-know (an asset one may not see has no records for them).
INSERT INTO permission (code, name_ja, name_en) VALUES ('implementation.write', '対策の実施状況の記録', 'Record how requirements are implemented');
INSERT INTO permission (code, name_ja, name_en) VALUES ('compliance.read', '遵守状況の閲覧', 'Read the compliance figures');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'implementation.write');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'implementation.write');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'implementation.write');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'implementation.write');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'compliance.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'compliance.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_officer', 'compliance.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_manager', 'compliance.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('auditor', 'compliance.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('committee', 'compliance.read');

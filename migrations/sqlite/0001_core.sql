-- mamori core schema (SQLite). Times are canonical UTC text (2026-04-01T00:00:00Z);
-- dates are YYYY-MM-DD. Keep in step with migrations/postgres/0001_core.sql.

CREATE TABLE schema_migration (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
);

-- Which store this is: a random id made at init, named in every checkpoint, so
-- checkpoints of one store are never taken for another's.
CREATE TABLE store_info (
    id         INTEGER PRIMARY KEY CHECK (id = 1),
    store_id   TEXT NOT NULL,
    created_at TEXT NOT NULL
);

CREATE TABLE org_unit (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    name_ja    TEXT NOT NULL,
    name_en    TEXT,
    parent_id  INTEGER REFERENCES org_unit(id),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);

-- The management structure of 第10条; rank orders who may grant what (higher grants lower).
CREATE TABLE role (
    code    TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL,
    rank    INTEGER NOT NULL
);

CREATE TABLE permission (
    code    TEXT PRIMARY KEY,
    name_ja TEXT NOT NULL,
    name_en TEXT NOT NULL
);

CREATE TABLE role_permission (
    role_code       TEXT NOT NULL REFERENCES role(code),
    permission_code TEXT NOT NULL REFERENCES permission(code),
    PRIMARY KEY (role_code, permission_code)
);

CREATE TABLE person (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    name_kana     TEXT,
    sort_key      TEXT NOT NULL,
    category      TEXT NOT NULL CHECK (category IN
                  ('regular', 'temporary', 'part_timer', 'non_regular', 'related_body', 'contractor')),
    org_unit_id   INTEGER NOT NULL REFERENCES org_unit(id),
    employed_from TEXT,
    employed_to   TEXT,
    active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX person_org_unit ON person(org_unit_id);

CREATE TABLE account (
    id            INTEGER PRIMARY KEY,
    person_id     INTEGER NOT NULL UNIQUE REFERENCES person(id),
    login         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    failed_logins INTEGER NOT NULL DEFAULT 0,
    locked_until  TEXT,
    created_at    TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1
);

CREATE TABLE role_assignment (
    id          INTEGER PRIMARY KEY,
    person_id   INTEGER NOT NULL REFERENCES person(id),
    role_code   TEXT NOT NULL REFERENCES role(code),
    org_unit_id INTEGER NOT NULL REFERENCES org_unit(id),
    valid_from  TEXT NOT NULL,
    valid_to    TEXT,
    created_at  TEXT NOT NULL,
    created_by  INTEGER REFERENCES person(id)
);
CREATE INDEX role_assignment_person ON role_assignment(person_id);

-- Only the SHA-256 of a session token is stored; the token itself lives in the cookie.
CREATE TABLE session (
    token_hash   TEXT PRIMARY KEY,
    person_id    INTEGER NOT NULL REFERENCES person(id),
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    ip           TEXT NOT NULL
);
CREATE INDEX session_person ON session(person_id);

-- The hash-chained trail (docs/audit-trail.md). No foreign keys: it outlives everything.
CREATE TABLE audit_event (
    seq         INTEGER PRIMARY KEY,
    occurred_at TEXT NOT NULL,
    actor_id    INTEGER,
    actor       TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   TEXT NOT NULL,
    ip          TEXT NOT NULL,
    detail      TEXT NOT NULL,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_event_action ON audit_event(action, seq);
CREATE INDEX audit_event_actor ON audit_event(actor_id, seq);

CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;

-- The chain head: one row, locked by every append, so appends never fork the chain.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- Seed data: the roles of DESIGN §2 (第10条) and the permissions that exist so far.
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('ciso', '最高情報セキュリティ責任者', 'Chief Information Security Officer', 100);
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('security_director', '統括情報セキュリティ責任者', 'Information Security Director', 90);
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('security_officer', '情報セキュリティ責任者', 'Information Security Officer', 80);
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('security_manager', '情報セキュリティ管理者', 'Information Security Manager', 70);
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('system_manager', '情報システム管理者', 'Information System Manager', 60);
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('system_operator', '情報システム担当者', 'Information System Operator', 50);
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('auditor', '監査人', 'Auditor', 40);
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('committee', '情報セキュリティ委員会委員', 'Information Security Committee Member', 30);
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('csirt', 'CSIRT要員', 'CSIRT Member', 20);
INSERT INTO role (code, name_ja, name_en, rank) VALUES ('staff', '職員', 'Staff', 10);
INSERT INTO permission (code, name_ja, name_en) VALUES ('audit_event.read', '監査ログの閲覧', 'Read the audit trail');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'audit_event.read');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'audit_event.read');

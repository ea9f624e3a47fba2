-- Related bodies (関係機関, 第2条(14)) and contractors (委託先, 第2条(15)): the bodies
-- whose staff use the union's assets. Their people link to them; contracts come later.
CREATE TABLE related_body (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    contact    TEXT,
    note       TEXT,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE contractor (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    contact    TEXT,
    note       TEXT,
    active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL,
    version    INTEGER NOT NULL DEFAULT 1
);
ALTER TABLE person ADD COLUMN related_body_id INTEGER REFERENCES related_body(id);
ALTER TABLE person ADD COLUMN contractor_id INTEGER REFERENCES contractor(id);
INSERT INTO permission (code, name_ja, name_en) VALUES ('partner.manage', '関係機関・委託先の管理', 'Manage related bodies and contractors');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'partner.manage');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'partner.manage');

-- Multi-factor authentication (TOTP, RFC 6238) with one-time recovery codes.
-- The TOTP secret is stored encrypted with a key that lives in the configuration
-- folder, never in the store: a copy of the database alone gives no second factor.
-- A session says whether its second factor is still owed: 'none' (not needed),
-- 'pending' (password given, code not yet) or 'passed'.
CREATE TABLE mfa_credential (
    person_id    INTEGER PRIMARY KEY REFERENCES person(id),
    secret_enc   TEXT NOT NULL,
    confirmed_at TEXT,
    last_step    INTEGER NOT NULL DEFAULT 0,
    created_at   TEXT NOT NULL
);
CREATE TABLE mfa_recovery_code (
    id         INTEGER PRIMARY KEY,
    person_id  INTEGER NOT NULL REFERENCES person(id),
    code_hash  TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    used_at    TEXT
);
CREATE INDEX mfa_recovery_code_person ON mfa_recovery_code(person_id);
ALTER TABLE session ADD COLUMN mfa_state TEXT NOT NULL DEFAULT 'none'
    CHECK (mfa_state IN ('none', 'pending', 'passed'));

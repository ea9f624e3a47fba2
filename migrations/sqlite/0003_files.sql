-- The file store (evidence, attachments, exports): content lives outside the database,
-- named by its SHA-256; this table says what each stored file is and whose it is.
-- A file is reached only through its owner (owner_type, owner_id), whose permission
-- check decides who may read it.
CREATE TABLE stored_file (
    id          INTEGER PRIMARY KEY,
    sha256      TEXT NOT NULL,
    size        INTEGER NOT NULL,
    media_type  TEXT NOT NULL,
    name        TEXT NOT NULL,
    owner_type  TEXT NOT NULL,
    owner_id    TEXT NOT NULL,
    created_by  INTEGER REFERENCES person(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX stored_file_owner ON stored_file(owner_type, owner_id);
CREATE INDEX stored_file_sha256 ON stored_file(sha256);

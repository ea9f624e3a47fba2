-- The classification scheme of 第9条 as data (DESIGN §4): two presets of the MIC
-- guideline, one of them in force. Each class has an ordinal rank within its axis, the
-- same meaning in both presets, so rules written against ranks survive a change of
-- preset:
--   confidentiality  1 = 1, 2 = 2, 3 = 3C, 4 = 3B, 5 = 3A (pre-2024: 機密性3 is rank 5)
--   integrity and availability  1, 2
-- The presets' classes, definitions and handling rules are seeded by the next migration.
CREATE TABLE classification_scheme (
    code       TEXT PRIMARY KEY,
    name_ja    TEXT NOT NULL,
    name_en    TEXT NOT NULL,
    in_force   INTEGER NOT NULL DEFAULT 0 CHECK (in_force IN (0, 1)),
    version    INTEGER NOT NULL DEFAULT 1
);
-- At most one scheme is in force.
CREATE UNIQUE INDEX classification_scheme_one_in_force ON classification_scheme(in_force) WHERE in_force = 1;
CREATE TABLE classification_class (
    id            INTEGER PRIMARY KEY,
    scheme_code   TEXT NOT NULL REFERENCES classification_scheme(code),
    axis          TEXT NOT NULL CHECK (axis IN ('C', 'I', 'A')),
    code          TEXT NOT NULL,          -- '3A', '2', …: the label is axis || code (C3A)
    rank          INTEGER NOT NULL CHECK (rank BETWEEN 1 AND 9),
    name_ja       TEXT NOT NULL,
    name_en       TEXT NOT NULL,
    definition_ja TEXT NOT NULL,
    definition_en TEXT,
    version       INTEGER NOT NULL DEFAULT 1,
    UNIQUE (scheme_code, axis, code)
);
-- Handling rules of a class, one text per aspect of handling.
CREATE TABLE classification_rule (
    class_id   INTEGER NOT NULL REFERENCES classification_class(id),
    aspect     TEXT NOT NULL CHECK (aspect IN
               ('labelling', 'storage', 'transmission', 'taking_out', 'copying', 'printing', 'disposal')),
    text_ja    TEXT NOT NULL,
    text_en    TEXT,
    PRIMARY KEY (class_id, aspect)
);

-- Reorganisations (DESIGN §5): units change every April 1st. A unit's history is kept as
-- versions with effective dates, so the tree as of any date has an answer; a unit that is
-- merged, split or abolished is closed (valid_to), never deleted, and its successors are
-- recorded (org_unit_lineage) so that what it owned can be followed. People's membership
-- of units carries dates too (person.org_unit_id stays the present unit). Dates are
-- YYYY-MM-DD; valid_to is the last day in force (inclusive), as for role_assignment.
-- Unit codes are never reused, so a code names one unit across the whole history.
-- Keep in step with migrations/postgres/0013_reorganisation.sql.

-- A planned reorganisation: an ordered list of operations (JSON, docs/api.md), validated
-- when scheduled and again when applied on its date, in one transaction.
CREATE TABLE reorganisation (
    id             INTEGER PRIMARY KEY,
    title          TEXT NOT NULL,
    effective_date TEXT NOT NULL,
    state          TEXT NOT NULL CHECK (state IN ('draft', 'scheduled', 'applied', 'cancelled')),
    operations     TEXT NOT NULL,
    result         TEXT,
    last_error     TEXT,
    created_by     INTEGER REFERENCES person(id),
    created_at     TEXT NOT NULL,
    scheduled_at   TEXT,
    applied_at     TEXT,
    applied_by     TEXT,
    cancelled_at   TEXT,
    version        INTEGER NOT NULL DEFAULT 1
);
CREATE INDEX reorganisation_due ON reorganisation(state, effective_date);
-- The existing units a plan touches (for need-to-know: who may read it), kept with the plan.
CREATE TABLE reorganisation_unit (
    reorganisation_id INTEGER NOT NULL REFERENCES reorganisation(id),
    org_unit_id       INTEGER NOT NULL REFERENCES org_unit(id),
    PRIMARY KEY (reorganisation_id, org_unit_id)
);
CREATE INDEX reorganisation_unit_unit ON reorganisation_unit(org_unit_id);

ALTER TABLE org_unit ADD COLUMN valid_from TEXT;
ALTER TABLE org_unit ADD COLUMN valid_to TEXT;

-- valid_from NULL: the unit was there before mamori's records began.
CREATE TABLE org_unit_version (
    id                INTEGER PRIMARY KEY,
    org_unit_id       INTEGER NOT NULL REFERENCES org_unit(id),
    code              TEXT NOT NULL,
    name_ja           TEXT NOT NULL,
    name_en           TEXT,
    parent_id         INTEGER REFERENCES org_unit(id),
    valid_from        TEXT,
    valid_to          TEXT,
    reorganisation_id INTEGER REFERENCES reorganisation(id),
    created_at        TEXT NOT NULL
);
CREATE INDEX org_unit_version_unit ON org_unit_version(org_unit_id, valid_from);
INSERT INTO org_unit_version (org_unit_id, code, name_ja, name_en, parent_id, valid_from, valid_to, created_at)
SELECT id, code, name_ja, name_en, parent_id, NULL, NULL, created_at FROM org_unit;

-- What a closed unit became: merged into, or split into (one row per successor).
CREATE TABLE org_unit_lineage (
    id                INTEGER PRIMARY KEY,
    predecessor_id    INTEGER NOT NULL REFERENCES org_unit(id),
    successor_id      INTEGER NOT NULL REFERENCES org_unit(id),
    kind              TEXT NOT NULL CHECK (kind IN ('merge', 'split')),
    effective_date    TEXT NOT NULL,
    reorganisation_id INTEGER NOT NULL REFERENCES reorganisation(id)
);
CREATE INDEX org_unit_lineage_predecessor ON org_unit_lineage(predecessor_id);
CREATE INDEX org_unit_lineage_successor ON org_unit_lineage(successor_id);

CREATE TABLE person_membership (
    id                INTEGER PRIMARY KEY,
    person_id         INTEGER NOT NULL REFERENCES person(id),
    org_unit_id       INTEGER NOT NULL REFERENCES org_unit(id),
    valid_from        TEXT NOT NULL,
    valid_to          TEXT,
    reorganisation_id INTEGER REFERENCES reorganisation(id),
    created_at        TEXT NOT NULL
);
CREATE INDEX person_membership_person ON person_membership(person_id, valid_from);
CREATE INDEX person_membership_unit ON person_membership(org_unit_id);
-- Everyone's present unit, from the day they were recorded; those who left, to the day
-- they left.
INSERT INTO person_membership (person_id, org_unit_id, valid_from, valid_to, created_at)
SELECT id, org_unit_id, substr(created_at, 1, 10),
       CASE WHEN active = 0 THEN COALESCE(employed_to, substr(created_at, 1, 10)) END, created_at
FROM person;

-- Role assignments re-created in a successor unit name the reorganisation that made them.
ALTER TABLE role_assignment ADD COLUMN reorganisation_id INTEGER REFERENCES reorganisation(id);

-- Planning reorganisations is the CISO's office's (第10条): the CISO and 統括.
INSERT INTO permission (code, name_ja, name_en) VALUES ('org.manage', '組織改編の計画', 'Plan reorganisations');
INSERT INTO role_permission (role_code, permission_code) VALUES ('ciso', 'org.manage');
INSERT INTO role_permission (role_code, permission_code) VALUES ('security_director', 'org.manage');

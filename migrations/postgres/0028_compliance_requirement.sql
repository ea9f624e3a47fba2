-- Compliance per requirement (issue 6 point 8: compliance shown against an imported
-- reference catalog through the mappings; src/domain/compliance.c,
-- src/domain/compliance_reference.c). compliance_figure (migration 0020) counts by org
-- unit × measure kind × class rank, which cannot say how far one requirement is carried
-- out; the reference view needs exactly that, summed over the caller's units, for the
-- requirements mapped to each control. compliance_requirement_figure keeps it: per org
-- unit × leaf requirement, the applicable pairs by status (one column a status, so a
-- unit's row for an item is one row, not five), maintained by the same computation and
-- in the same transactions as compliance_figure. A requirement × asset pair counts in
-- the asset's owner unit, a requirement × unit pair in the unit. Rows whose counts fall
-- to zero stay (as in compliance_figure); readers skip them. No foreign keys: the rows
-- are derived data that a recompute rebuilds, units and requirements are never deleted,
-- and PostgreSQL's check per inserted row cost a fifth of a recompute at 100,000 assets.
-- The migration leaves it empty and marks the figures stale, so `migrate` (or `serve`)
-- fills both tables by one recompute. Keep in step with
-- migrations/sqlite/0028_compliance_requirement.sql.
CREATE TABLE compliance_requirement_figure (
    org_unit_id    BIGINT NOT NULL,
    requirement_id BIGINT NOT NULL,
    not_started    BIGINT NOT NULL DEFAULT 0,
    partial        BIGINT NOT NULL DEFAULT 0,
    implemented    BIGINT NOT NULL DEFAULT 0,
    not_applicable BIGINT NOT NULL DEFAULT 0,
    excepted       BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (org_unit_id, requirement_id)
);
UPDATE compliance_state SET stale = 1 WHERE id = 1;

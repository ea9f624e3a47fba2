/* compliance — how far the standards catalog is carried out (issue 6, 第5条–第9条): the
 * counts of applicable requirement × asset pairs (scope 'asset') and requirement × unit
 * pairs (scope 'unit', every open unit) by status, per org unit × measure kind ×
 * confidentiality rank of the asset (0 for unit-level items). What applies is
 * requirement_rules_apply — the same rule as requirement_applicable's SQL.
 *
 * The figures are MAINTAINED in compliance_figure (and, per org unit × leaf requirement,
 * in compliance_requirement_figure: what the view against a reference catalog reads),
 * never recomputed per request: every change that moves them calls one entry point below
 * inside its own write transaction — "before" with the object as it was (its
 * contribution is taken away), "after" with it as it is (its contribution is added
 * back). compliance_recompute computes everything from nothing (the property test and
 * `mamori compliance verify` check the two agree, in both tables).
 * Snapshots (per month, per 年度) keep the figures for the trend. */
#ifndef MAMORI_COMPLIANCE_H
#define MAMORI_COMPLIANCE_H
#include <stdbool.h>
#include <stddef.h>

#include "core/err.h"
#include "db/db.h"

#define COMPLIANCE_N_KINDS 6  /* requirement_kinds' order */
#define COMPLIANCE_N_RANKS 10 /* 0 (unit-level), 1 … 9 */
#define COMPLIANCE_N_STATUS 5
extern const char *const compliance_statuses[COMPLIANCE_N_STATUS]; /* not_started, partial, implemented, not_applicable, excepted */
int compliance_status_index(const char *status); /* -1 when unknown */
bool compliance_status_ok(const char *status);
int compliance_kind_index(const char *kind);     /* -1 when unknown */

/* The counts of one unit (its own assets and itself, not its sub-units). */
typedef struct compliance_unit_counts {
    long unit_id;
    long n[COMPLIANCE_N_KINDS][COMPLIANCE_N_RANKS][COMPLIANCE_N_STATUS];
} compliance_unit_counts;

typedef struct compliance_grid {
    compliance_unit_counts *units; /* owned; sorted by unit_id once loaded */
    size_t n, cap;
} compliance_grid;
void compliance_grid_free(compliance_grid *g);
/* The block of one unit (NULL when the grid has none). */
const compliance_unit_counts *compliance_grid_find(const compliance_grid *g, long unit_id);

/* ---- maintenance: inside the caller's write transaction ---- */
/* An asset's writes (create: after only; update, dispose: before and after). */
err_code compliance_asset_before(db_conn *c, long asset_id, err *e);
err_code compliance_asset_after(db_conn *c, long asset_id, err *e);
/* Requirements created, edited or deactivated (before and after): the item and the
 * parents it leaves or joins (a leaf that gains a child becomes a group, which applies
 * to nothing; one that loses its last becomes a leaf again). Ids 0 are skipped. */
err_code compliance_requirement_before(db_conn *c, const long *ids, size_t n, err *e);
err_code compliance_requirement_after(db_conn *c, const long *ids, size_t n, err *e);
/* An implementation record of (requirement, asset) or (requirement, unit) set. */
err_code compliance_implementation_before(db_conn *c, long requirement_id, long asset_id, long unit_id, err *e);
err_code compliance_implementation_after(db_conn *c, long requirement_id, long asset_id, long unit_id, err *e);
/* Many new assets at once (an import), "after" only: their contribution computed from
 * the facts the writer holds rather than read back. open reads the catalog's items and
 * the classes' ranks; add counts one new asset (in use, no implementation record yet)
 * and touches nothing but the tally, so it may run on another thread (one at a time);
 * write adds the tally to the stored figures. free in every case. */
typedef struct compliance_tally compliance_tally;
err_code compliance_tally_open(db_conn *c, compliance_tally **out, err *e);
void compliance_tally_add(compliance_tally *t, long unit_id, const char *kind, const char *segment, bool personal_data,
                          long c_class_id, long i_class_id, long a_class_id);
err_code compliance_tally_write(db_conn *c, const compliance_tally *t, err *e);
void compliance_tally_free(compliance_tally *t);
/* A unit created outside a reorganisation (org_unit_create): after only. */
err_code compliance_unit_added(db_conn *c, long unit_id, err *e);
/* Whole-organisation changes (a preset change's reclassification, a reorganisation
 * applied: units opened and closed, assets moved): everything again, in the same
 * transaction. */
err_code compliance_recompute(db_conn *c, err *e);
/* After migrations: recomputes when compliance_state.stale says the figures are not yet
 * maintained (migration 0020 on a store with assets). Its own transaction. */
err_code compliance_refresh_if_stale(db *d, err *e);

/* ---- reading ---- */
/* The maintained figures, or (recompute) figures computed from nothing now. */
err_code compliance_load(db_conn *c, bool recompute, compliance_grid *out, err *e);

/* ---- per requirement (compliance_requirement_figure) ---- */
/* The counts of one leaf requirement in one unit (its own assets, or itself for a
 * unit-level item), maintained beside compliance_figure by the same computation. */
typedef struct compliance_req_cell {
    long unit_id, requirement_id;
    long n[COMPLIANCE_N_STATUS];
} compliance_req_cell;
/* Every cell with a count, maintained or (recompute) computed from nothing now, sorted
 * by unit then requirement; for verify. Caller frees *out. */
err_code compliance_req_cells(db_conn *c, bool recompute, compliance_req_cell **out, size_t *n_out, err *e);
/* Per requirement, the counts summed over the given units (unit_id 0 in each), sorted by
 * requirement; requirements with nothing applicable there are left out. From the
 * maintained figures (one grouped read), or recomputed (the check). Caller frees *out. */
err_code compliance_by_requirement(db_conn *c, bool recompute, const long *unit_ids, size_t n_units,
                                   compliance_req_cell **out, size_t *n_out, err *e);

/* ---- the Statement of Applicability ---- */
/* Per active item of the catalog: how many assets (scope 'asset') or units (scope
 * 'unit') of the given units it applies to, by status. Computed on request (a statement,
 * not the dashboard: one pass over the units' assets). */
typedef struct compliance_soa_row {
    long requirement_id;
    long objects;                  /* the pairs: assets or units it applies to */
    long n[COMPLIANCE_N_STATUS];
} compliance_soa_row;
err_code compliance_soa(db_conn *c, const long *unit_ids, size_t n_units, compliance_soa_row **out, size_t *n_out,
                        err *e);

/* ---- snapshots ---- */
/* Keeps the figures now as the snapshot of (period_kind 'month' YYYY-MM | 'fiscal_year'
 * YYYY); *taken false when that period has one already. Inside a write transaction. */
err_code compliance_snapshot_take(db_conn *c, const char *period_kind, const char *period, bool *taken, err *e);
/* Keeps given figures as a period's snapshot, taken at taken_at (the demo's year of
 * history); *taken false when the period has one. Inside a write transaction. */
err_code compliance_snapshot_put(db_conn *c, const char *period_kind, const char *period, const char *taken_at,
                                 const compliance_grid *g, bool *taken, err *e);
/* The snapshots due on `today` (YYYY-MM-DD): the month before today's, and at the turn
 * of a 年度 (today in April) the 年度 just ended; each taken once. Its own transaction. */
err_code compliance_snapshot_due(db *d, const char *today, int *n_taken, err *e);

#endif

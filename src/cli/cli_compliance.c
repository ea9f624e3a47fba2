/* cli_compliance — `mamori compliance verify|recompute|snapshot|reference`: the
 * maintained compliance figures checked against a recompute from nothing (exit 1 when
 * they differ), recomputed (after a repair by hand), kept as the snapshot due on a date
 * (serve takes them on its timer at the turn of each month), or shown against an
 * imported reference catalog through the mappings (JSON or CSV on standard output, for
 * every unit or one with its sub-units: the CLI acts as the system). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "cli/cli.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/compliance.h"
#include "domain/compliance_reference.h"

/* Cells where a and b differ (printed, up to 20). */
static long cc_diff(const compliance_grid *a, const compliance_grid *b)
{
    long differ = 0;
    for (int pass = 0; pass < 2; pass++) {
        const compliance_grid *x = pass ? b : a, *y = pass ? a : b;
        for (size_t i = 0; i < x->n; i++) {
            const compliance_unit_counts *o = compliance_grid_find(y, x->units[i].unit_id);
            for (int k = 0; k < COMPLIANCE_N_KINDS; k++)
                for (int q = 0; q < COMPLIANCE_N_RANKS; q++)
                    for (int s = 0; s < COMPLIANCE_N_STATUS; s++) {
                        long v = x->units[i].n[k][q][s], w = o ? o->n[k][q][s] : 0;
                        if (v == w || (pass == 1 && o)) continue; /* pass 1: only units a lacks */
                        if (differ++ < 20)
                            printf("unit %ld kind %d rank %d %s: maintained %ld, recomputed %ld\n",
                                   x->units[i].unit_id, k, q, compliance_statuses[s], pass ? w : v, pass ? v : w);
                    }
        }
    }
    return differ;
}

/* Per-requirement cells where a and b (each sorted by unit, requirement) differ
 * (printed, up to 20 with those cc_diff printed). */
static long cc_diff_reqs(const compliance_req_cell *a, size_t na, const compliance_req_cell *b, size_t nb, long shown)
{
    long differ = 0;
    size_t i = 0, k = 0;
    while (i < na || k < nb) {
        int order = i == na ? 1 : k == nb ? -1
                    : a[i].unit_id != b[k].unit_id ? (a[i].unit_id < b[k].unit_id ? -1 : 1)
                    : a[i].requirement_id != b[k].requirement_id ? (a[i].requirement_id < b[k].requirement_id ? -1 : 1)
                                                                 : 0;
        static const long zero[COMPLIANCE_N_STATUS] = {0};
        const compliance_req_cell *x = order <= 0 ? &a[i] : &b[k];
        const long *kept = order <= 0 ? a[i].n : zero, *computed = order >= 0 ? b[k].n : zero;
        for (int s = 0; s < COMPLIANCE_N_STATUS; s++) {
            if (kept[s] == computed[s]) continue;
            if (shown + differ++ < 20)
                printf("unit %ld requirement %ld %s: maintained %ld, recomputed %ld\n", x->unit_id, x->requirement_id,
                       compliance_statuses[s], kept[s], computed[s]);
        }
        if (order <= 0) i++;
        if (order >= 0) k++;
    }
    return differ;
}

static long cc_total(const compliance_grid *g, int status)
{
    long t = 0;
    for (size_t i = 0; i < g->n; i++)
        for (int k = 0; k < COMPLIANCE_N_KINDS; k++)
            for (int q = 0; q < COMPLIANCE_N_RANKS; q++)
                for (int s = 0; s < COMPLIANCE_N_STATUS; s++)
                    if (status < 0 || s == status) t += g->units[i].n[k][q][s];
    return t;
}

/* The ids of every unit, or of the unit with code `unit` (its id in *root) and its
 * sub-units (caller frees *ids). ERR_NOT_FOUND for no unit with that code. */
static err_code cc_units(db_conn *c, const char *unit, long **ids, size_t *n, long *root_id, err *e)
{
    *ids = NULL;
    *n = 0;
    *root_id = 0;
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT id, parent_id, code FROM org_unit ORDER BY id", DB_NO_PARAMS, &rows, e);
    if (rc != OK) return rc;
    long *v = xcalloc(rows->n_rows + 1, sizeof *v), root = 0;
    for (size_t i = 0; unit && i < rows->n_rows; i++)
        if (!strcmp(db_cell(rows, i, 2), unit)) root = atol(db_cell(rows, i, 0));
    if (unit && !root) rc = err_set(e, ERR_NOT_FOUND, "no org unit has the code %s", unit);
    *root_id = root;
    for (size_t i = 0; rc == OK && i < rows->n_rows; i++) {
        /* Under root: walk up the parents (a tree of a few hundred units, a few levels). */
        long at = atol(db_cell(rows, i, 0));
        bool in = !unit;
        for (int depth = 0; !in && at && depth < 64; depth++) {
            if (at == root) in = true;
            long parent = 0;
            for (size_t k = 0; k < rows->n_rows; k++)
                if (atol(db_cell(rows, k, 0)) == at && db_cell(rows, k, 1)) parent = atol(db_cell(rows, k, 1));
            at = parent;
        }
        if (in) v[(*n)++] = atol(db_cell(rows, i, 0));
    }
    db_rows_free(rows);
    if (rc != OK) {
        free(v);
        *n = 0;
        return rc;
    }
    *ids = v;
    return OK;
}

/* `mamori compliance reference --catalog ID|UUID [--format json|csv] [--unit CODE]`. */
static int cc_reference(db *d, const char *catalog, const char *format, const char *unit, err *e)
{
    if (!catalog || !compref_ref_ok(catalog)) {
        err_set(e, ERR_VALIDATION, "--catalog: give a reference catalog's id or uuid (see GET /api/v1/catalogs)");
        return 1;
    }
    bool csv = format && !strcmp(format, "csv");
    if (format && !csv && strcmp(format, "json") != 0) {
        err_set(e, ERR_VALIDATION, "--format: json or csv");
        return 1;
    }
    db_conn *c = db_acquire(d);
    long *ids = NULL, id = 0, root = 0;
    size_t n = 0;
    compref_report rep = {0};
    err_code rc = db_begin_read(c, e);
    if (rc == OK) rc = cc_units(c, unit, &ids, &n, &root, e);
    if (rc == OK) rc = compref_catalog_find(c, catalog, &id, e);
    if (rc == OK) rc = compref_build(c, id, false, ids, n, &rep, e);
    if (db_in_transaction(c)) db_rollback(c);
    db_release(c);
    if (rc == OK && csv) {
        compref_report_csv(&rep, stdout);
    } else if (rc == OK) {
        json_t *o = compref_report_json(&rep, root);
        json_dumpf(o, stdout, JSON_INDENT(2));
        fputc('\n', stdout);
        json_decref(o);
    }
    compref_report_free(&rep);
    free(ids);
    return rc == OK ? 0 : 1;
}

int cmd_compliance(int argc, char **argv)
{
    config cfg;
    err e = ERR_INIT;
    db *d = NULL;
    char *pos[1];
    size_t n_pos = 0;
    int status = 1;
    const char *date = NULL, *catalog = NULL, *format = NULL, *unit = NULL;
    compliance_grid kept = {0}, computed = {0};
    compliance_req_cell *kept_reqs = NULL, *computed_reqs = NULL; /* owned */
    size_t n_kept_reqs = 0, n_computed_reqs = 0;
    const cli_option opts[] = {{"date", &date, NULL, "the day the snapshot is due on (snapshot)"},
                               {"catalog", &catalog, NULL, "the reference catalog's id or uuid (reference)"},
                               {"format", &format, NULL, "json (default) or csv (reference)"},
                               {"unit", &unit, NULL, "an org unit's code: it and its sub-units (reference)"}};
    if (cli_settings(argc, argv, &cfg, opts, 4, pos, 1, &n_pos, &e) != OK) goto cleanup;
    const char *what = n_pos == 1 ? pos[0] : "";
    if (strcmp(what, "verify") && strcmp(what, "recompute") && strcmp(what, "snapshot") && strcmp(what, "reference")) {
        err_set(&e, ERR_VALIDATION,
                "usage: mamori compliance verify|recompute|snapshot [--date YYYY-MM-DD] --db URL, or mamori compliance "
                "reference --catalog ID|UUID [--format json|csv] [--unit CODE] --db URL");
        goto cleanup;
    }
    if (cli_open_store(&cfg, 1, false, &d, &e) != OK) goto cleanup;
    if (!strcmp(what, "reference")) {
        status = cc_reference(d, catalog, format, unit, &e);
        goto cleanup;
    }
    if (!strcmp(what, "snapshot")) {
        char today[11];
        time_today_local(today);
        int n = 0;
        if (compliance_snapshot_due(d, date ? date : today, &n, &e) != OK) goto cleanup;
        printf("mamori: %d snapshot%s taken\n", n, n == 1 ? "" : "s");
        status = 0;
        goto cleanup;
    }
    db_conn *c = db_acquire(d);
    err_code rc = OK;
    if (!strcmp(what, "recompute")) {
        struct timespec t0, t1;
        clock_gettime(CLOCK_MONOTONIC, &t0);
        rc = db_begin_write(c, &e);
        if (rc == OK) rc = compliance_recompute(c, &e);
        if (rc == OK) rc = db_commit(c, &e);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        if (rc == OK)
            printf("mamori: compliance figures recomputed in %.3f s\n",
                   (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
        db_release(c);
        if (rc == OK) status = 0;
        goto cleanup;
    }
    rc = db_begin_read(c, &e);
    if (rc == OK) rc = compliance_load(c, false, &kept, &e);
    if (rc == OK) rc = compliance_load(c, true, &computed, &e);
    if (rc == OK) rc = compliance_req_cells(c, false, &kept_reqs, &n_kept_reqs, &e);
    if (rc == OK) rc = compliance_req_cells(c, true, &computed_reqs, &n_computed_reqs, &e);
    if (db_in_transaction(c)) db_rollback(c);
    db_release(c);
    if (rc != OK) goto cleanup;
    long differ = cc_diff(&kept, &computed);
    differ += cc_diff_reqs(kept_reqs, n_kept_reqs, computed_reqs, n_computed_reqs, differ);
    printf("mamori: %ld applicable pairs, %ld implemented; maintained figures %s the recompute%s\n",
           cc_total(&computed, -1), cc_total(&computed, 2), differ ? "DIFFER from" : "equal",
           differ ? " (run mamori compliance recompute)" : "");
    status = differ ? 1 : 0;
    if (differ) err_set(&e, ERR_CONFLICT, "%ld cells differ", differ);
cleanup:
    if (status) cli_fail(&e);
    compliance_grid_free(&kept);
    compliance_grid_free(&computed);
    free(kept_reqs);
    free(computed_reqs);
    db_close(d);
    config_free(&cfg);
    err_clear(&e);
    return status;
}

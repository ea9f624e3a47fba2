/* api_compliance — the compliance figures (/api/v1/compliance; issue 6 point 6): the
 * share of applicable requirements implemented in the caller's units (compliance.read,
 * its scope: the units where they hold it and their sub-units), by unit with its
 * sub-units, by measure kind and by confidentiality class, read from the maintained
 * figures (compliance.h). ?recompute=true computes them from nothing instead, for whoever
 * keeps the catalog (catalog.manage) — the check that both agree. The history is the
 * snapshots, per month and per 年度. The Statement of Applicability lists every
 * requirement; /compliance/reference shows the figures against an imported reference
 * catalog through the mappings (compliance_reference.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/compliance.h"
#include "domain/compliance_reference.h"
#include "domain/requirement.h"
#include "http/handlers.h"

/* A unit of the caller's scope. */
typedef struct api_cp_unit {
    long id, parent_id;
    char *code, *name_ja, *name_en; /* owned */
    bool open;
    long own[COMPLIANCE_N_STATUS], all[COMPLIANCE_N_STATUS]; /* itself; with its sub-units */
} api_cp_unit;

static void api_cp_units_free(api_cp_unit *u, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(u[i].code);
        free(u[i].name_ja);
        free(u[i].name_en);
    }
    free(u);
}

/* The units of the caller's compliance.read scope, parents before children. */
static err_code api_cp_scope(db_conn *c, long person, api_cp_unit **out, size_t *n, err *e)
{
    char who[24], today[11];
    snprintf(who, sizeof who, "%ld", person);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           AUTHZ_SCOPE_CTE "SELECT u.id, u.parent_id, u.code, u.name_ja, u.name_en, u.valid_to"
                                           " FROM org_unit u WHERE u.id IN (SELECT id FROM scope) ORDER BY u.code, u.id",
                           DB_PARAMS(who, "compliance.read", today), &rows, e);
    if (rc != OK) return rc;
    api_cp_unit *u = xcalloc(rows->n_rows + 1, sizeof *u);
    for (size_t i = 0; i < rows->n_rows; i++) {
        u[i].id = atol(db_cell(rows, i, 0));
        u[i].parent_id = db_cell(rows, i, 1) ? atol(db_cell(rows, i, 1)) : 0;
        u[i].code = xstrdup(db_cell(rows, i, 2));
        u[i].name_ja = xstrdup(db_cell(rows, i, 3));
        u[i].name_en = db_cell(rows, i, 4) ? xstrdup(db_cell(rows, i, 4)) : NULL;
        u[i].open = db_cell(rows, i, 5) == NULL;
    }
    *n = rows->n_rows;
    *out = u;
    db_rows_free(rows);
    return OK;
}

/* One formula for every view: the share implemented of what is to be carried out. */
static json_t *api_cp_counts(const long *n)
{
    return compref_counts_json(n);
}

static bool api_cp_bool(http_request *r, const char *name, bool *out, err *e)
{
    const char *v = http_query(r, name);
    *out = false;
    if (!v) return true;
    if (!strcmp(v, "true")) *out = true;
    else if (strcmp(v, "false") != 0) {
        err_field_add(e, name, "must be true or false");
        return false;
    }
    return true;
}

/* Is unit a descendant of (or) ancestor among units (the scope is closed downwards)? */
static bool api_cp_under(const api_cp_unit *u, size_t n, long unit, long ancestor)
{
    for (int depth = 0; unit && depth < 64; depth++) {
        if (unit == ancestor) return true;
        long parent = 0;
        for (size_t i = 0; i < n; i++)
            if (u[i].id == unit) parent = u[i].parent_id;
        unit = parent;
    }
    return false;
}

void api_compliance_get(http_request *r)
{
    err e = ERR_INIT;
    bool recompute = false;
    if (!api_cp_bool(r, "recompute", &recompute, &e)) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    api_cp_unit *units = NULL;
    size_t n_units = 0;
    compliance_grid g = {0};
    db_rows *classes = NULL;
    err_code rc = OK;
    if (recompute) {
        bool may = false;
        rc = authz_holds(c, r->session.person_id, "catalog.manage", &may, &e);
        if (rc == OK && !may)
            rc = err_set(&e, ERR_FORBIDDEN, "recompute=true is for whoever keeps the catalog (catalog.manage)");
    }
    /* One read transaction: the scope and the figures as of one moment. */
    if (rc == OK) rc = db_begin_read(c, &e);
    if (rc == OK) rc = api_cp_scope(c, r->session.person_id, &units, &n_units, &e);
    if (rc == OK) rc = compliance_load(c, recompute, &g, &e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT k.rank, k.code, k.name_ja, k.name_en FROM classification_class k JOIN classification_scheme s"
                      " ON s.code = k.scheme_code WHERE s.in_force = 1 AND k.axis = 'C' ORDER BY k.rank, k.code",
                      DB_NO_PARAMS, &classes, &e);
    if (db_in_transaction(c)) db_rollback(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        goto cleanup;
    }
    long total[COMPLIANCE_N_STATUS] = {0}, kinds[COMPLIANCE_N_KINDS][COMPLIANCE_N_STATUS] = {{0}},
         ranks[COMPLIANCE_N_RANKS][COMPLIANCE_N_STATUS] = {{0}};
    for (size_t i = 0; i < n_units; i++) {
        const compliance_unit_counts *b = compliance_grid_find(&g, units[i].id);
        if (!b) continue;
        for (int k = 0; k < COMPLIANCE_N_KINDS; k++)
            for (int q = 0; q < COMPLIANCE_N_RANKS; q++)
                for (int s = 0; s < COMPLIANCE_N_STATUS; s++) {
                    long v = b->n[k][q][s];
                    units[i].own[s] += v;
                    total[s] += v;
                    kinds[k][s] += v;
                    ranks[q][s] += v;
                }
    }
    /* With sub-units: each unit's own counts added to itself and every ancestor in
     * scope (the parent of each found once, so hundreds of units stay cheap). */
    long *parent = xcalloc(n_units + 1, sizeof *parent); /* owned: index of the parent + 1, 0 none */
    for (size_t i = 0; i < n_units; i++)
        for (size_t k = 0; k < n_units; k++)
            if (units[k].id == units[i].parent_id) parent[i] = (long)k + 1;
    for (size_t k = 0; k < n_units; k++) {
        long at = (long)k + 1;
        for (int depth = 0; at && depth < 64; depth++) {
            for (int s = 0; s < COMPLIANCE_N_STATUS; s++) units[at - 1].all[s] += units[k].own[s];
            at = parent[at - 1];
        }
    }
    free(parent);
    json_t *by_unit = json_array(), *by_kind = json_array(), *by_class = json_array();
    for (size_t i = 0; i < n_units; i++) {
        long sum = 0;
        for (int s = 0; s < COMPLIANCE_N_STATUS; s++) sum += units[i].all[s];
        if (!units[i].open && sum == 0) continue;
        bool parent_in = false;
        for (size_t k = 0; k < n_units; k++) parent_in = parent_in || units[k].id == units[i].parent_id;
        json_t *o = json_pack("{s:I, s:s, s:s, s:s?, s:o, s:o}", "id", (json_int_t)units[i].id, "code", units[i].code,
                              "name_ja", units[i].name_ja, "name_en", units[i].name_en, "own", api_cp_counts(units[i].own),
                              "with_sub_units", api_cp_counts(units[i].all));
        json_object_set_new(o, "parent_id", parent_in ? json_integer(units[i].parent_id) : json_null());
        json_array_append_new(by_unit, o);
    }
    for (int k = 0; k < COMPLIANCE_N_KINDS; k++)
        json_array_append_new(by_kind, json_pack("{s:s, s:o}", "measure_kind", requirement_kinds[k], "counts",
                                                 api_cp_counts(kinds[k])));
    for (int q = 0; q < COMPLIANCE_N_RANKS; q++) {
        long sum = 0;
        for (int s = 0; s < COMPLIANCE_N_STATUS; s++) sum += ranks[q][s];
        if (q > 0 && sum == 0) continue;
        json_t *o = json_pack("{s:i, s:o}", "rank", q, "counts", api_cp_counts(ranks[q]));
        /* The class of the scheme in force with that rank names it; 0: unit-level items. */
        for (size_t i = 0; q > 0 && i < classes->n_rows; i++)
            if (atoi(db_cell(classes, i, 0)) == q) {
                char label[40];
                snprintf(label, sizeof label, "C%s", db_cell(classes, i, 1));
                json_object_set_new(o, "label", json_string(label));
                json_object_set_new(o, "name_ja", json_string(db_cell(classes, i, 2)));
                json_object_set_new(o, "name_en", json_string(db_cell(classes, i, 3)));
                break;
            }
        json_array_append_new(by_class, o);
    }
    http_reply_json(r, 200, json_pack("{s:b, s:o, s:o, s:o, s:o}", "recomputed", recompute, "total",
                                      api_cp_counts(total), "by_unit", by_unit, "by_kind", by_kind, "by_class",
                                      by_class));
cleanup:
    db_rows_free(classes);
    compliance_grid_free(&g);
    api_cp_units_free(units, n_units);
    db_release(c);
    err_clear(&e);
}

void api_compliance_history(http_request *r)
{
    err e = ERR_INIT;
    char who[24], today[11];
    snprintf(who, sizeof who, "%ld", r->session.person_id);
    time_today_local(today);
    db_rows *rows = NULL;
    db_conn *c = db_acquire(r->app->store);
    err_code rc = db_query(c,
                           AUTHZ_SCOPE_CTE "SELECT s.period_kind, s.period, s.taken_at, f.status, SUM(f.n)"
                           " FROM compliance_snapshot s LEFT JOIN compliance_snapshot_figure f ON f.snapshot_id = s.id"
                           " AND f.org_unit_id IN (SELECT id FROM scope)"
                           " GROUP BY s.period_kind, s.period, s.taken_at, f.status ORDER BY s.period_kind, s.period",
                           DB_PARAMS(who, "compliance.read", today), &rows, &e);
    db_release(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    json_t *months = json_array(), *years = json_array();
    for (size_t i = 0; i < rows->n_rows;) {
        long n[COMPLIANCE_N_STATUS] = {0};
        size_t k = i;
        for (; k < rows->n_rows && !strcmp(db_cell(rows, k, 0), db_cell(rows, i, 0)) &&
               !strcmp(db_cell(rows, k, 1), db_cell(rows, i, 1));
             k++) {
            int s = compliance_status_index(db_cell(rows, k, 3));
            if (s >= 0 && db_cell(rows, k, 4)) n[s] += atol(db_cell(rows, k, 4));
        }
        json_t *o = json_pack("{s:s, s:s, s:o}", "period", db_cell(rows, i, 1), "taken_at", db_cell(rows, i, 2),
                              "counts", api_cp_counts(n));
        json_array_append_new(strcmp(db_cell(rows, i, 0), "month") == 0 ? months : years, o);
        i = k;
    }
    db_rows_free(rows);
    http_reply_json(r, 200, json_pack("{s:o, s:o}", "months", months, "fiscal_years", years));
}

/* The class in force a rule's rank starts at: the lowest of the axis with rank >= min. */
static json_t *api_cp_min_class(const db_rows *classes, const char *axis, int min_rank)
{
    for (size_t i = 0; i < classes->n_rows; i++)
        if (!strcmp(db_cell(classes, i, 0), axis) && atoi(db_cell(classes, i, 1)) >= min_rank) {
            char label[40];
            snprintf(label, sizeof label, "%s%s", axis, db_cell(classes, i, 2));
            return json_pack("{s:s, s:s, s:s}", "label", label, "name_ja", db_cell(classes, i, 3), "name_en",
                             db_cell(classes, i, 4));
        }
    return json_null();
}

void api_compliance_soa(http_request *r)
{
    err e = ERR_INIT;
    long unit = 0;
    const char *u = http_query(r, "org_unit_id");
    if (u && !http_positive_number(u, 1000000000000L, &unit)) {
        err_field_add(&e, "org_unit_id", "must be an id");
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    api_cp_unit *units = NULL;
    size_t n_units = 0, n_soa = 0, n_ids = 0;
    compliance_soa_row *soa = NULL;
    db_rows *reqs = NULL, *rules = NULL, *classes = NULL;
    long *ids = NULL;
    err_code rc = db_begin_read(c, &e);
    if (rc == OK) rc = api_cp_scope(c, r->session.person_id, &units, &n_units, &e);
    if (rc == OK) {
        ids = xcalloc(n_units + 1, sizeof *ids);
        bool found = unit == 0;
        for (size_t i = 0; i < n_units; i++) {
            found = found || units[i].id == unit;
            if (unit == 0 || api_cp_under(units, n_units, units[i].id, unit)) ids[n_ids++] = units[i].id;
        }
        if (!found) rc = err_set(&e, ERR_FORBIDDEN, "the unit is not among those whose compliance you read");
    }
    if (rc == OK) rc = compliance_soa(c, ids, n_ids, &soa, &n_soa, &e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT r.id, r.parent_id, r.code, r.measure_kind, r.scope, r.title_ja, r.title_en,"
                      " (SELECT COUNT(*) FROM requirement ch WHERE ch.parent_id = r.id AND ch.active = 1)"
                      " FROM requirement r WHERE r.active = 1 ORDER BY r.code",
                      DB_NO_PARAMS, &reqs, &e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT requirement_id, asset_kind, segment, axis, min_rank, personal_data FROM requirement_applies"
                      " ORDER BY requirement_id, id",
                      DB_NO_PARAMS, &rules, &e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT k.axis, k.rank, k.code, k.name_ja, k.name_en FROM classification_class k"
                      " JOIN classification_scheme s ON s.code = k.scheme_code WHERE s.in_force = 1 ORDER BY k.axis, k.rank",
                      DB_NO_PARAMS, &classes, &e);
    if (db_in_transaction(c)) db_rollback(c);
    if (rc != OK) {
        http_reply_error(r, &e);
        goto cleanup;
    }
    json_t *items = json_array();
    long applying = 0, leaves = 0;
    for (size_t i = 0; i < reqs->n_rows; i++) {
        long id = atol(db_cell(reqs, i, 0));
        bool group = atol(db_cell(reqs, i, 7)) > 0;
        json_t *o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:s?, s:b}", "id", (json_int_t)id, "code",
                              db_cell(reqs, i, 2), "measure_kind", db_cell(reqs, i, 3), "scope", db_cell(reqs, i, 4),
                              "title_ja", db_cell(reqs, i, 5), "title_en", db_cell(reqs, i, 6), "group", group);
        json_object_set_new(o, "parent_id", db_cell(reqs, i, 1) ? json_integer(atol(db_cell(reqs, i, 1))) : json_null());
        if (!group) {
            const compliance_soa_row *s = NULL;
            for (size_t k = 0; k < n_soa && !s; k++)
                if (soa[k].requirement_id == id) s = &soa[k];
            json_t *rl = json_array();
            for (size_t k = 0; k < rules->n_rows; k++) {
                if (atol(db_cell(rules, k, 0)) != id) continue;
                const char *axis = db_cell(rules, k, 3);
                json_t *x = json_object();
                json_object_set_new(x, "asset_kind", db_cell(rules, k, 1) ? json_string(db_cell(rules, k, 1)) : json_null());
                json_object_set_new(x, "segment", db_cell(rules, k, 2) ? json_string(db_cell(rules, k, 2)) : json_null());
                json_object_set_new(x, "axis", axis ? json_string(axis) : json_null());
                json_object_set_new(x, "min_rank", axis ? json_integer(atoi(db_cell(rules, k, 4))) : json_null());
                json_object_set_new(x, "min_class", axis ? api_cp_min_class(classes, axis, atoi(db_cell(rules, k, 4)))
                                                         : json_null());
                json_object_set_new(x, "personal_data", db_cell(rules, k, 5)
                                                            ? json_boolean(atoi(db_cell(rules, k, 5)))
                                                            : json_null());
                json_array_append_new(rl, x);
            }
            long zero[COMPLIANCE_N_STATUS] = {0};
            json_object_set_new(o, "applies", json_boolean(s && s->objects > 0));
            json_object_set_new(o, "objects", json_integer(s ? s->objects : 0));
            json_object_set_new(o, "rules", rl);
            json_object_set_new(o, "counts", api_cp_counts(s ? s->n : zero));
            leaves++;
            if (s && s->objects > 0) applying++;
        }
        json_array_append_new(items, o);
    }
    http_reply_json(r, 200, json_pack("{s:o, s:I, s:I, s:o}", "org_unit_id", unit ? json_integer(unit) : json_null(),
                                      "items_applying", (json_int_t)applying, "items", (json_int_t)leaves,
                                      "requirements", items));
cleanup:
    db_rows_free(reqs);
    db_rows_free(rules);
    db_rows_free(classes);
    free(soa);
    free(ids);
    api_cp_units_free(units, n_units);
    db_release(c);
    err_clear(&e);
}

void api_compliance_reference(http_request *r)
{
    err e = ERR_INIT;
    const char *ref = http_query(r, "catalog_id"), *u = http_query(r, "org_unit_id");
    long unit = 0, catalog = 0;
    bool recompute = false;
    /* Every parameter checked before anything is refused, so all are named at once. */
    if (!ref || !*ref) err_field_add(&e, "catalog_id", "is required: a reference catalog's id or uuid");
    else if (!compref_ref_ok(ref)) err_field_add(&e, "catalog_id", "must be a reference catalog's id or uuid");
    if (u && !http_positive_number(u, 1000000000000L, &unit)) err_field_add(&e, "org_unit_id", "must be an id");
    api_cp_bool(r, "recompute", &recompute, &e);
    if (e.code != OK) {
        http_reply_error(r, &e);
        err_clear(&e);
        return;
    }
    db_conn *c = db_acquire(r->app->store);
    api_cp_unit *units = NULL;
    size_t n_units = 0, n_ids = 0;
    long *ids = NULL;
    compref_report rep = {0};
    err_code rc = OK;
    if (recompute) {
        bool may = false;
        rc = authz_holds(c, r->session.person_id, "catalog.manage", &may, &e);
        if (rc == OK && !may)
            rc = err_set(&e, ERR_FORBIDDEN, "recompute=true is for whoever keeps the catalog (catalog.manage)");
    }
    /* One read transaction: the scope, the mappings and the figures of one moment. */
    if (rc == OK) rc = db_begin_read(c, &e);
    if (rc == OK) rc = api_cp_scope(c, r->session.person_id, &units, &n_units, &e);
    if (rc == OK) {
        ids = xcalloc(n_units + 1, sizeof *ids);
        bool found = unit == 0;
        for (size_t i = 0; i < n_units; i++) {
            found = found || units[i].id == unit;
            if (unit == 0 || api_cp_under(units, n_units, units[i].id, unit)) ids[n_ids++] = units[i].id;
        }
        if (!found) rc = err_set(&e, ERR_FORBIDDEN, "the unit is not among those whose compliance you read");
    }
    if (rc == OK) rc = compref_catalog_find(c, ref, &catalog, &e);
    if (rc == OK) rc = compref_build(c, catalog, recompute, ids, n_ids, &rep, &e);
    if (db_in_transaction(c)) db_rollback(c);
    db_release(c);
    if (rc == OK) http_reply_json(r, 200, compref_report_json(&rep, unit));
    else http_reply_error(r, &e);
    compref_report_free(&rep);
    free(ids);
    api_cp_units_free(units, n_units);
    err_clear(&e);
}

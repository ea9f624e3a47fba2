/* compliance — maintained compliance figures (see compliance.h). One computation,
 * cm_compute, serves both the maintenance (a filter: one asset, one requirement, one
 * pair, one unit, with a sign) and the full recompute (no filter): what it adds with
 * +1 after a change and took away with -1 before it is the same arithmetic, so the
 * maintained figures cannot drift from a recompute unless a change skips its call. */
#include "domain/compliance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/requirement.h"

const char *const compliance_statuses[COMPLIANCE_N_STATUS] = {"not_started", "partial", "implemented",
                                                               "not_applicable", "excepted"};

int compliance_status_index(const char *status)
{
    for (int i = 0; status && i < COMPLIANCE_N_STATUS; i++)
        if (!strcmp(status, compliance_statuses[i])) return i;
    return -1;
}

bool compliance_status_ok(const char *status)
{
    return compliance_status_index(status) >= 0;
}

int compliance_kind_index(const char *kind)
{
    for (int i = 0; kind && i < REQUIREMENT_N_KINDS; i++)
        if (!strcmp(kind, requirement_kinds[i])) return i;
    return -1;
}

void compliance_grid_free(compliance_grid *g)
{
    free(g->units);
    memset(g, 0, sizeof *g);
}

static int cm_cmp_unit(const void *a, const void *b)
{
    long x = ((const compliance_unit_counts *)a)->unit_id, y = ((const compliance_unit_counts *)b)->unit_id;
    return (x > y) - (x < y);
}

const compliance_unit_counts *compliance_grid_find(const compliance_grid *g, long unit_id)
{
    compliance_unit_counts key;
    key.unit_id = unit_id;
    return g->n ? bsearch(&key, g->units, g->n, sizeof *g->units, cm_cmp_unit) : NULL;
}

/* The block of a unit, made when missing (the grid unsorted while it grows; the last
 * block found is tried first, as rows come grouped by unit). */
static compliance_unit_counts *cm_block(compliance_grid *g, long unit_id, size_t *hint)
{
    if (*hint < g->n && g->units[*hint].unit_id == unit_id) return &g->units[*hint];
    for (size_t i = 0; i < g->n; i++)
        if (g->units[i].unit_id == unit_id) return &g->units[*hint = i];
    if (g->n == g->cap) {
        g->cap = g->cap ? 2 * g->cap : 16;
        g->units = xrealloc(g->units, g->cap * sizeof *g->units);
    }
    memset(&g->units[g->n], 0, sizeof *g->units);
    g->units[g->n].unit_id = unit_id;
    *hint = g->n;
    return &g->units[g->n++];
}

static void cm_sort(compliance_grid *g)
{
    if (g->n > 1) qsort(g->units, g->n, sizeof *g->units, cm_cmp_unit);
}

/* ---- per requirement: the counts by unit × leaf requirement ---- */

/* What one computation gathers per requirement: for each unit met, a block of n_leaves
 * rows of status counts, row k for leaf_ids[k] (the leaves of that computation, in id
 * order). Kept beside the grid rather than inside compliance_unit_counts, whose blocks
 * are copied by value (the demo's history). */
typedef struct cm_reqs {
    long *leaf_ids;                     /* owned */
    size_t n_leaves;
    long *unit_ids;                     /* owned: the unit of each block */
    long (*n)[COMPLIANCE_N_STATUS];     /* owned: n_units × n_leaves rows */
    size_t n_units, cap, hint;
} cm_reqs;

static void cm_reqs_free(cm_reqs *r)
{
    free(r->leaf_ids);
    free(r->unit_ids);
    free(r->n);
    memset(r, 0, sizeof *r);
}

/* The rows of a unit's block, made (zeroed) when missing. */
static long (*cm_reqs_block(cm_reqs *r, long unit_id))[COMPLIANCE_N_STATUS]
{
    if (r->hint < r->n_units && r->unit_ids[r->hint] == unit_id) return r->n + r->hint * r->n_leaves;
    for (size_t i = 0; i < r->n_units; i++)
        if (r->unit_ids[i] == unit_id) {
            r->hint = i;
            return r->n + i * r->n_leaves;
        }
    if (r->n_units == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 16;
        r->unit_ids = xrealloc(r->unit_ids, r->cap * sizeof *r->unit_ids);
        r->n = xrealloc(r->n, (r->cap * r->n_leaves + 1) * sizeof *r->n);
    }
    r->hint = r->n_units++;
    r->unit_ids[r->hint] = unit_id;
    long (*block)[COMPLIANCE_N_STATUS] = r->n + r->hint * r->n_leaves;
    memset(block, 0, r->n_leaves * sizeof *block);
    return block;
}

/* ---- what is computed over ---- */

typedef struct cm_filter {
    long asset_id, unit_id, requirement_id; /* 0: any */
    bool assets, units;                     /* which pairs: requirement × asset, requirement × unit */
} cm_filter;

typedef struct cm_leaf {
    long id;
    int kind;
    bool unit_scope;
    requirement_rule *rules; /* owned */
    size_t n_rules;
} cm_leaf;

typedef struct cm_impl {
    long requirement_id, object_id; /* the asset's or the unit's id */
    int status;
} cm_impl;

static void cm_leaves_free(cm_leaf *l, size_t n)
{
    for (size_t i = 0; i < n; i++) free(l[i].rules);
    free(l);
}

/* The active leaves of the catalog (with their rules), in id order. */
static err_code cm_leaves(db_conn *c, long requirement_id, cm_leaf **out, size_t *n_out, err *e)
{
    *out = NULL;
    *n_out = 0;
    char rt[24];
    snprintf(rt, sizeof rt, "%ld", requirement_id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT r.id, r.measure_kind, r.scope FROM requirement r WHERE r.active = 1"
                           " AND NOT EXISTS (SELECT 1 FROM requirement ch WHERE ch.parent_id = r.id AND ch.active = 1)"
                           " AND (CAST($1 AS BIGINT) = 0 OR r.id = CAST($1 AS BIGINT)) ORDER BY r.id",
                           DB_PARAMS(rt), &rows, e); /* the catalog is small: a scan is fine */
    if (rc != OK) return rc;
    cm_leaf *l = xcalloc(rows->n_rows + 1, sizeof *l);
    size_t n = rows->n_rows;
    for (size_t i = 0; i < n; i++) {
        l[i].id = atol(db_cell(rows, i, 0));
        l[i].kind = compliance_kind_index(db_cell(rows, i, 1));
        l[i].unit_scope = !strcmp(db_cell(rows, i, 2), "unit");
    }
    db_rows_free(rows);
    rows = NULL;
    rc = db_query(c,
                  "SELECT requirement_id, asset_kind, segment, axis, min_rank, personal_data FROM requirement_applies"
                  " WHERE CAST($1 AS BIGINT) = 0 OR requirement_id = CAST($1 AS BIGINT) ORDER BY requirement_id, id",
                  DB_PARAMS(rt), &rows, e);
    size_t k = 0;
    for (size_t i = 0; rc == OK && i < rows->n_rows; i++) {
        long rid = atol(db_cell(rows, i, 0));
        while (k < n && l[k].id < rid) k++;
        if (k == n || l[k].id != rid) continue; /* a group's or an inactive item's rule */
        cm_leaf *x = &l[k];
        x->rules = xrealloc(x->rules, (x->n_rules + 1) * sizeof *x->rules);
        requirement_rule *r = &x->rules[x->n_rules++];
        memset(r, 0, sizeof *r);
        const char *v;
        if ((v = db_cell(rows, i, 1))) snprintf(r->asset_kind, sizeof r->asset_kind, "%s", v);
        if ((v = db_cell(rows, i, 2))) snprintf(r->segment, sizeof r->segment, "%s", v);
        if ((v = db_cell(rows, i, 3))) snprintf(r->axis, sizeof r->axis, "%s", v);
        r->min_rank = db_cell(rows, i, 4) ? atoi(db_cell(rows, i, 4)) : 0;
        r->personal_data = db_cell(rows, i, 5) ? atoi(db_cell(rows, i, 5)) : -1;
    }
    db_rows_free(rows);
    if (rc != OK) {
        cm_leaves_free(l, n);
        return rc;
    }
    *out = l;
    *n_out = n;
    return OK;
}

static int cm_cmp_impl(const void *a, const void *b)
{
    const cm_impl *x = a, *y = b;
    if (x->object_id != y->object_id) return (x->object_id > y->object_id) - (x->object_id < y->object_id);
    return (x->requirement_id > y->requirement_id) - (x->requirement_id < y->requirement_id);
}

/* The records of the pairs in the filter, of assets (for_units false) or units, ordered
 * by object then requirement. */
static err_code cm_impls(db_conn *c, const cm_filter *f, bool for_units, cm_impl **out, size_t *n_out, err *e)
{
    /* Each condition only when filtered (an "$1 = 0 OR" would keep the store from its
     * indexes: one asset's change must not read every record). */
    char p[3][24];
    const char *params[3];
    size_t n = 0;
    long object = for_units ? f->unit_id : f->asset_id;
    char *sql = xasprintf("SELECT requirement_id, %s, status FROM implementation WHERE %s IS NOT NULL%s%s",
                          for_units ? "org_unit_id" : "asset_id", for_units ? "org_unit_id" : "asset_id",
                          object ? (for_units ? " AND org_unit_id = CAST($1 AS BIGINT)" : " AND asset_id = CAST($1 AS BIGINT)")
                                 : "",
                          f->requirement_id ? (object ? " AND requirement_id = CAST($2 AS BIGINT)"
                                                      : " AND requirement_id = CAST($1 AS BIGINT)")
                                            : "");
    if (object) {
        snprintf(p[n], sizeof p[n], "%ld", object);
        params[n] = p[n];
        n++;
    }
    if (f->requirement_id) {
        snprintf(p[n], sizeof p[n], "%ld", f->requirement_id);
        params[n] = p[n];
        n++;
    }
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, params, n, &rows, e);
    free(sql);
    if (rc != OK) return rc;
    cm_impl *v = xcalloc(rows->n_rows + 1, sizeof *v);
    for (size_t i = 0; i < rows->n_rows; i++) {
        v[i].requirement_id = atol(db_cell(rows, i, 0));
        v[i].object_id = atol(db_cell(rows, i, 1));
        v[i].status = compliance_status_index(db_cell(rows, i, 2));
    }
    *n_out = rows->n_rows;
    db_rows_free(rows);
    qsort(v, *n_out, sizeof *v, cm_cmp_impl);
    *out = v;
    return OK;
}

/* The status of (requirement, object) among the object's records impl[from..to). */
static int cm_status(const cm_impl *impl, size_t from, size_t to, long requirement_id)
{
    for (size_t i = from; i < to; i++)
        if (impl[i].requirement_id == requirement_id) return impl[i].status < 0 ? 0 : impl[i].status;
    return 0;
}

#define CM_ASSETS                                                                                                 \
    "SELECT a.id, a.owner_unit_id, a.kind, a.segment, a.personal_data, kc.rank, ki.rank, ka.rank"                \
    " FROM asset a JOIN classification_class kc ON kc.id = a.c_class_id"                                         \
    " JOIN classification_class ki ON ki.id = a.i_class_id"                                                      \
    " JOIN classification_class ka ON ka.id = a.a_class_id WHERE a.status = 'in_use'"

/* Adds sign × every applicable pair of the filter to g and, when rq is given (empty on
 * entry), to the per-requirement counts. */
static err_code cm_compute(db_conn *c, const cm_filter *f, int sign, compliance_grid *g, cm_reqs *rq, err *e)
{
    cm_leaf *leaves = NULL;
    size_t n_leaves = 0, hint = 0;
    cm_impl *impl = NULL;
    size_t n_impl = 0;
    db_rows *rows = NULL;
    err_code rc = cm_leaves(c, f->requirement_id, &leaves, &n_leaves, e);
    if (rc != OK) return rc;
    if (rq) {
        rq->n_leaves = n_leaves;
        rq->leaf_ids = xcalloc(n_leaves + 1, sizeof *rq->leaf_ids);
        for (size_t k = 0; k < n_leaves; k++) rq->leaf_ids[k] = leaves[k].id;
    }
    if (f->assets) {
        if ((rc = cm_impls(c, f, false, &impl, &n_impl, e)) != OK) goto cleanup;
        char pt[24];
        long by = f->asset_id ? f->asset_id : f->unit_id;
        snprintf(pt, sizeof pt, "%ld", by);
        const char *param[1] = {pt};
        rc = db_query(c,
                      f->asset_id ? CM_ASSETS " AND a.id = CAST($1 AS BIGINT)"
                      : f->unit_id ? CM_ASSETS " AND a.owner_unit_id = CAST($1 AS BIGINT) ORDER BY a.id"
                                   : CM_ASSETS " ORDER BY a.id",
                      param, by ? 1 : 0, &rows, e);
        if (rc != OK) goto cleanup;
        size_t ip = 0;
        for (size_t i = 0; i < rows->n_rows; i++) {
            long id = atol(db_cell(rows, i, 0));
            requirement_asset_facts a = {db_cell(rows, i, 2), db_cell(rows, i, 3), atoi(db_cell(rows, i, 5)),
                                         atoi(db_cell(rows, i, 6)), atoi(db_cell(rows, i, 7)),
                                         atoi(db_cell(rows, i, 4))};
            int rank = a.c_rank < 0 || a.c_rank >= COMPLIANCE_N_RANKS ? COMPLIANCE_N_RANKS - 1 : a.c_rank;
            while (ip < n_impl && impl[ip].object_id < id) ip++;
            size_t iend = ip;
            while (iend < n_impl && impl[iend].object_id == id) iend++;
            long owner = atol(db_cell(rows, i, 1));
            compliance_unit_counts *b = cm_block(g, owner, &hint);
            long (*rb)[COMPLIANCE_N_STATUS] = rq ? cm_reqs_block(rq, owner) : NULL;
            for (size_t k = 0; k < n_leaves; k++) {
                const cm_leaf *l = &leaves[k];
                if (l->unit_scope || l->kind < 0 || !requirement_rules_apply(l->rules, l->n_rules, &a)) continue;
                int st = cm_status(impl, ip, iend, l->id);
                b->n[l->kind][rank][st] += sign;
                if (rb) rb[k][st] += sign;
            }
            ip = iend;
        }
        db_rows_free(rows);
        rows = NULL;
        free(impl);
        impl = NULL;
        n_impl = 0;
    }
    if (f->units) {
        if ((rc = cm_impls(c, f, true, &impl, &n_impl, e)) != OK) goto cleanup;
        char ut[24];
        snprintf(ut, sizeof ut, "%ld", f->unit_id);
        const char *param[1] = {ut};
        rc = db_query(c,
                      f->unit_id ? "SELECT id FROM org_unit WHERE valid_to IS NULL AND id = CAST($1 AS BIGINT)"
                                 : "SELECT id FROM org_unit WHERE valid_to IS NULL ORDER BY id",
                      param, f->unit_id ? 1 : 0, &rows, e);
        if (rc != OK) goto cleanup;
        size_t ip = 0;
        for (size_t i = 0; i < rows->n_rows; i++) {
            long id = atol(db_cell(rows, i, 0));
            while (ip < n_impl && impl[ip].object_id < id) ip++;
            size_t iend = ip;
            while (iend < n_impl && impl[iend].object_id == id) iend++;
            compliance_unit_counts *b = cm_block(g, id, &hint);
            long (*rb)[COMPLIANCE_N_STATUS] = rq ? cm_reqs_block(rq, id) : NULL;
            for (size_t k = 0; k < n_leaves; k++) {
                const cm_leaf *l = &leaves[k];
                if (!l->unit_scope || l->kind < 0) continue;
                int st = cm_status(impl, ip, iend, l->id);
                b->n[l->kind][0][st] += sign;
                if (rb) rb[k][st] += sign;
            }
            ip = iend;
        }
    }
cleanup:
    db_rows_free(rows);
    free(impl);
    cm_leaves_free(leaves, n_leaves);
    return rc;
}

/* One INSERT of k cells (params[0 .. 5k)): added to the stored counts (delta) or new. */
static err_code cm_flush(db_conn *c, const char **params, size_t k, bool delta, err *e)
{
    buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, "INSERT INTO compliance_figure (org_unit_id, measure_kind, c_rank, status, n) VALUES ");
    for (size_t i = 0; i < k; i++)
        buf_printf(&sql, "%s(CAST($%zu AS BIGINT), $%zu, CAST($%zu AS INTEGER), $%zu, CAST($%zu AS BIGINT))",
                   i ? ", " : "", 5 * i + 1, 5 * i + 2, 5 * i + 3, 5 * i + 4, 5 * i + 5);
    if (delta)
        buf_puts(&sql, " ON CONFLICT (org_unit_id, measure_kind, c_rank, status)"
                       " DO UPDATE SET n = compliance_figure.n + excluded.n");
    err_code rc = db_query(c, buf_str(&sql), params, 5 * k, NULL, e);
    buf_free(&sql);
    return rc;
}

/* Writes the non-zero cells of g, in batches of a few hundred rows a statement. */
static err_code cm_write(db_conn *c, const compliance_grid *g, bool delta, err *e)
{
    enum { BATCH = 200 };
    char (*num)[3][24] = xcalloc(BATCH, sizeof *num); /* owned: the batch's numbers as text */
    const char **params = xcalloc(BATCH * 5, sizeof *params);
    size_t k = 0;
    err_code rc = OK;
    for (size_t u = 0; u < g->n && rc == OK; u++)
        for (int kind = 0; kind < COMPLIANCE_N_KINDS && rc == OK; kind++)
            for (int rank = 0; rank < COMPLIANCE_N_RANKS && rc == OK; rank++)
                for (int s = 0; s < COMPLIANCE_N_STATUS && rc == OK; s++) {
                    long n = g->units[u].n[kind][rank][s];
                    if (n == 0) continue;
                    snprintf(num[k][0], sizeof num[k][0], "%ld", g->units[u].unit_id);
                    snprintf(num[k][1], sizeof num[k][1], "%d", rank);
                    snprintf(num[k][2], sizeof num[k][2], "%ld", n);
                    params[5 * k] = num[k][0];
                    params[5 * k + 1] = requirement_kinds[kind];
                    params[5 * k + 2] = num[k][1];
                    params[5 * k + 3] = compliance_statuses[s];
                    params[5 * k + 4] = num[k][2];
                    if (++k == BATCH) {
                        rc = cm_flush(c, params, k, delta, e);
                        k = 0;
                    }
                }
    if (rc == OK && k > 0) rc = cm_flush(c, params, k, delta, e);
    free(params);
    free(num);
    return rc;
}

/* One INSERT of k rows of compliance_requirement_figure (params[0 .. 7k)): added to the
 * stored counts (delta) or new. */
static err_code cm_flush_reqs(db_conn *c, const char **params, size_t k, bool delta, err *e)
{
    buf sql;
    buf_init(&sql, 0);
    buf_puts(&sql, "INSERT INTO compliance_requirement_figure (org_unit_id, requirement_id, not_started, partial,"
                   " implemented, not_applicable, excepted) VALUES ");
    for (size_t i = 0; i < k; i++) {
        buf_printf(&sql, "%s(CAST($%zu AS BIGINT), CAST($%zu AS BIGINT)", i ? ", " : "", 7 * i + 1, 7 * i + 2);
        for (size_t s = 0; s < COMPLIANCE_N_STATUS; s++) buf_printf(&sql, ", CAST($%zu AS BIGINT)", 7 * i + 3 + s);
        buf_puts(&sql, ")");
    }
    if (delta) {
        buf_puts(&sql, " ON CONFLICT (org_unit_id, requirement_id) DO UPDATE SET ");
        for (int s = 0; s < COMPLIANCE_N_STATUS; s++)
            buf_printf(&sql, "%s%s = compliance_requirement_figure.%s + excluded.%s", s ? ", " : "",
                       compliance_statuses[s], compliance_statuses[s], compliance_statuses[s]);
    }
    err_code rc = db_query(c, buf_str(&sql), params, 7 * k, NULL, e);
    buf_free(&sql);
    return rc;
}

/* Writes the rows of rq with a count not zero, a few hundred a statement. */
static err_code cm_write_reqs(db_conn *c, const cm_reqs *rq, bool delta, err *e)
{
    enum { BATCH = 200, COLS = 2 + COMPLIANCE_N_STATUS };
    char (*num)[COLS][24] = xcalloc(BATCH, sizeof *num); /* owned: the batch's numbers as text */
    const char **params = xcalloc(BATCH * COLS, sizeof *params);
    size_t k = 0;
    err_code rc = OK;
    for (size_t u = 0; u < rq->n_units && rc == OK; u++)
        for (size_t l = 0; l < rq->n_leaves && rc == OK; l++) {
            const long *n = rq->n[u * rq->n_leaves + l];
            bool any = false;
            for (int s = 0; s < COMPLIANCE_N_STATUS; s++) any = any || n[s] != 0;
            if (!any) continue;
            snprintf(num[k][0], sizeof num[k][0], "%ld", rq->unit_ids[u]);
            snprintf(num[k][1], sizeof num[k][1], "%ld", rq->leaf_ids[l]);
            for (int s = 0; s < COMPLIANCE_N_STATUS; s++) snprintf(num[k][2 + s], sizeof num[k][2 + s], "%ld", n[s]);
            for (int x = 0; x < COLS; x++) params[COLS * k + (size_t)x] = num[k][x];
            if (++k == BATCH) {
                rc = cm_flush_reqs(c, params, k, delta, e);
                k = 0;
            }
        }
    if (rc == OK && k > 0) rc = cm_flush_reqs(c, params, k, delta, e);
    free(params);
    free(num);
    return rc;
}

/* Adds sign × the filter's pairs to the stored figures (both tables). */
static err_code cm_apply(db_conn *c, const cm_filter *f, int sign, err *e)
{
    compliance_grid g = {0};
    cm_reqs rq = {0};
    err_code rc = cm_compute(c, f, sign, &g, &rq, e);
    if (rc == OK) rc = cm_write(c, &g, true, e);
    if (rc == OK) rc = cm_write_reqs(c, &rq, true, e);
    cm_reqs_free(&rq);
    compliance_grid_free(&g);
    return rc;
}

err_code compliance_asset_before(db_conn *c, long asset_id, err *e)
{
    cm_filter f = {asset_id, 0, 0, true, false};
    return cm_apply(c, &f, -1, e);
}

err_code compliance_asset_after(db_conn *c, long asset_id, err *e)
{
    cm_filter f = {asset_id, 0, 0, true, false};
    return cm_apply(c, &f, +1, e);
}

/* ---- many new assets (compliance_tally_*) ---- */

struct compliance_tally {
    cm_leaf *leaves; /* owned */
    size_t n_leaves;
    long *class_ids; /* owned: every class, ascending, with its rank */
    int *class_ranks;
    size_t n_classes;
    compliance_grid g;
    cm_reqs rq; /* the same counts per unit × requirement (compliance_requirement_figure) */
    size_t hint;
};

err_code compliance_tally_open(db_conn *c, compliance_tally **out, err *e)
{
    *out = NULL;
    compliance_tally *t = xcalloc(1, sizeof *t);
    db_rows *rows = NULL;
    err_code rc = cm_leaves(c, 0, &t->leaves, &t->n_leaves, e);
    if (rc == OK) {
        t->rq.n_leaves = t->n_leaves;
        t->rq.leaf_ids = xcalloc(t->n_leaves + 1, sizeof *t->rq.leaf_ids);
        for (size_t k = 0; k < t->n_leaves; k++) t->rq.leaf_ids[k] = t->leaves[k].id;
    }
    if (rc == OK) rc = db_query(c, "SELECT id, rank FROM classification_class ORDER BY id", DB_NO_PARAMS, &rows, e);
    if (rc == OK) {
        t->n_classes = rows->n_rows;
        t->class_ids = xcalloc(rows->n_rows + 1, sizeof *t->class_ids);
        t->class_ranks = xcalloc(rows->n_rows + 1, sizeof *t->class_ranks);
        for (size_t i = 0; i < rows->n_rows; i++) {
            t->class_ids[i] = atol(db_cell(rows, i, 0));
            t->class_ranks[i] = atoi(db_cell(rows, i, 1));
        }
    }
    db_rows_free(rows);
    if (rc != OK) {
        compliance_tally_free(t);
        return rc;
    }
    *out = t;
    return OK;
}

/* The rank of a class (cm_compute's join); 0 for none. */
static int cm_tally_rank(const compliance_tally *t, long id)
{
    size_t lo = 0, hi = t->n_classes;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->class_ids[mid] < id) lo = mid + 1;
        else hi = mid;
    }
    return lo < t->n_classes && t->class_ids[lo] == id ? t->class_ranks[lo] : 0;
}

void compliance_tally_add(compliance_tally *t, long unit_id, const char *kind, const char *segment, bool personal_data,
                          long c_class_id, long i_class_id, long a_class_id)
{
    /* cm_compute's loop for one asset in use without records: every applicable item is
     * not_started. */
    requirement_asset_facts a = {kind, segment, cm_tally_rank(t, c_class_id), cm_tally_rank(t, i_class_id),
                                 cm_tally_rank(t, a_class_id), personal_data ? 1 : 0};
    int rank = a.c_rank < 0 || a.c_rank >= COMPLIANCE_N_RANKS ? COMPLIANCE_N_RANKS - 1 : a.c_rank;
    compliance_unit_counts *b = cm_block(&t->g, unit_id, &t->hint);
    long (*rb)[COMPLIANCE_N_STATUS] = cm_reqs_block(&t->rq, unit_id);
    for (size_t k = 0; k < t->n_leaves; k++) {
        const cm_leaf *l = &t->leaves[k];
        if (l->unit_scope || l->kind < 0 || !requirement_rules_apply(l->rules, l->n_rules, &a)) continue;
        b->n[l->kind][rank][0]++;
        rb[k][0]++;
    }
}

err_code compliance_tally_write(db_conn *c, const compliance_tally *t, err *e)
{
    err_code rc = cm_write(c, &t->g, true, e);
    if (rc == OK) rc = cm_write_reqs(c, &t->rq, true, e);
    return rc;
}

void compliance_tally_free(compliance_tally *t)
{
    if (!t) return;
    cm_leaves_free(t->leaves, t->n_leaves);
    free(t->class_ids);
    free(t->class_ranks);
    compliance_grid_free(&t->g);
    cm_reqs_free(&t->rq);
    free(t);
}

/* Each distinct id of ids once. */
static err_code cm_requirements(db_conn *c, const long *ids, size_t n, int sign, err *e)
{
    err_code rc = OK;
    for (size_t i = 0; i < n && rc == OK; i++) {
        bool seen = ids[i] <= 0;
        for (size_t k = 0; k < i && !seen; k++) seen = ids[k] == ids[i];
        if (seen) continue;
        cm_filter f = {0, 0, ids[i], true, true};
        rc = cm_apply(c, &f, sign, e);
    }
    return rc;
}

err_code compliance_requirement_before(db_conn *c, const long *ids, size_t n, err *e)
{
    return cm_requirements(c, ids, n, -1, e);
}

err_code compliance_requirement_after(db_conn *c, const long *ids, size_t n, err *e)
{
    return cm_requirements(c, ids, n, +1, e);
}

err_code compliance_implementation_before(db_conn *c, long requirement_id, long asset_id, long unit_id, err *e)
{
    cm_filter f = {asset_id, unit_id, requirement_id, asset_id > 0, asset_id <= 0};
    return cm_apply(c, &f, -1, e);
}

err_code compliance_implementation_after(db_conn *c, long requirement_id, long asset_id, long unit_id, err *e)
{
    cm_filter f = {asset_id, unit_id, requirement_id, asset_id > 0, asset_id <= 0};
    return cm_apply(c, &f, +1, e);
}

err_code compliance_unit_added(db_conn *c, long unit_id, err *e)
{
    cm_filter f = {0, unit_id, 0, false, true};
    return cm_apply(c, &f, +1, e);
}

err_code compliance_recompute(db_conn *c, err *e)
{
    cm_filter f = {0, 0, 0, true, true};
    compliance_grid g = {0};
    cm_reqs rq = {0};
    err_code rc = cm_compute(c, &f, +1, &g, &rq, e);
    if (rc == OK) rc = db_query(c, "DELETE FROM compliance_figure", DB_NO_PARAMS, NULL, e);
    if (rc == OK) rc = db_query(c, "DELETE FROM compliance_requirement_figure", DB_NO_PARAMS, NULL, e);
    if (rc == OK) rc = cm_write(c, &g, false, e);
    if (rc == OK) rc = cm_write_reqs(c, &rq, false, e);
    if (rc == OK) rc = db_query(c, "UPDATE compliance_state SET stale = 0 WHERE id = 1", DB_NO_PARAMS, NULL, e);
    cm_reqs_free(&rq);
    compliance_grid_free(&g);
    return rc;
}

err_code compliance_refresh_if_stale(db *d, err *e)
{
    db_conn *c = db_acquire(d);
    db_rows *rows = NULL;
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = db_query(c, "SELECT stale FROM compliance_state WHERE id = 1", DB_NO_PARAMS, &rows, e);
    bool stale = rc == OK && rows->n_rows == 1 && atoi(db_cell(rows, 0, 0)) == 1;
    db_rows_free(rows);
    if (rc == OK && stale) rc = compliance_recompute(c, e);
    if (rc == OK) rc = db_commit(c, e);
    else db_rollback(c);
    db_release(c);
    return rc;
}

err_code compliance_load(db_conn *c, bool recompute, compliance_grid *out, err *e)
{
    memset(out, 0, sizeof *out);
    err_code rc;
    if (recompute) {
        cm_filter f = {0, 0, 0, true, true};
        rc = cm_compute(c, &f, +1, out, NULL, e);
    } else {
        db_rows *rows = NULL;
        rc = db_query(c, "SELECT org_unit_id, measure_kind, c_rank, status, n FROM compliance_figure WHERE n <> 0"
                         " ORDER BY org_unit_id",
                      DB_NO_PARAMS, &rows, e);
        size_t hint = 0;
        for (size_t i = 0; rc == OK && i < rows->n_rows; i++) {
            int kind = compliance_kind_index(db_cell(rows, i, 1)), rank = atoi(db_cell(rows, i, 2)),
                s = compliance_status_index(db_cell(rows, i, 3));
            if (kind < 0 || s < 0 || rank < 0 || rank >= COMPLIANCE_N_RANKS) continue;
            cm_block(out, atol(db_cell(rows, i, 0)), &hint)->n[kind][rank][s] += atol(db_cell(rows, i, 4));
        }
        db_rows_free(rows);
    }
    if (rc == OK) cm_sort(out);
    else compliance_grid_free(out);
    return rc;
}

/* ---- reading per requirement ---- */

static int cm_cmp_cell(const void *a, const void *b)
{
    const compliance_req_cell *x = a, *y = b;
    if (x->unit_id != y->unit_id) return (x->unit_id > y->unit_id) - (x->unit_id < y->unit_id);
    return (x->requirement_id > y->requirement_id) - (x->requirement_id < y->requirement_id);
}

err_code compliance_req_cells(db_conn *c, bool recompute, compliance_req_cell **out, size_t *n_out, err *e)
{
    *out = NULL;
    *n_out = 0;
    compliance_req_cell *v = NULL;
    size_t n = 0;
    err_code rc;
    if (recompute) {
        cm_filter f = {0, 0, 0, true, true};
        compliance_grid g = {0};
        cm_reqs rq = {0};
        rc = cm_compute(c, &f, +1, &g, &rq, e);
        if (rc == OK) {
            v = xcalloc(rq.n_units * rq.n_leaves + 1, sizeof *v);
            for (size_t u = 0; u < rq.n_units; u++)
                for (size_t l = 0; l < rq.n_leaves; l++) {
                    const long *x = rq.n[u * rq.n_leaves + l];
                    bool any = false;
                    for (int s = 0; s < COMPLIANCE_N_STATUS; s++) any = any || x[s] != 0;
                    if (!any) continue;
                    v[n].unit_id = rq.unit_ids[u];
                    v[n].requirement_id = rq.leaf_ids[l];
                    memcpy(v[n].n, x, sizeof v[n].n);
                    n++;
                }
        }
        cm_reqs_free(&rq);
        compliance_grid_free(&g);
    } else {
        db_rows *rows = NULL;
        rc = db_query(c,
                      "SELECT org_unit_id, requirement_id, not_started, partial, implemented, not_applicable, excepted"
                      " FROM compliance_requirement_figure WHERE not_started <> 0 OR partial <> 0 OR implemented <> 0"
                      " OR not_applicable <> 0 OR excepted <> 0",
                      DB_NO_PARAMS, &rows, e);
        if (rc == OK) {
            v = xcalloc(rows->n_rows + 1, sizeof *v);
            for (size_t i = 0; i < rows->n_rows; i++) {
                v[i].unit_id = atol(db_cell(rows, i, 0));
                v[i].requirement_id = atol(db_cell(rows, i, 1));
                for (int s = 0; s < COMPLIANCE_N_STATUS; s++) v[i].n[s] = atol(db_cell(rows, i, 2 + (size_t)s));
            }
            n = rows->n_rows;
        }
        db_rows_free(rows);
    }
    if (rc != OK) {
        free(v);
        return rc;
    }
    if (n > 1) qsort(v, n, sizeof *v, cm_cmp_cell);
    *out = v;
    *n_out = n;
    return OK;
}

/* Sorts cells by requirement and adds up those of the same one (unit_id 0). */
static size_t cm_fold_by_requirement(compliance_req_cell *v, size_t n)
{
    for (size_t i = 0; i < n; i++) v[i].unit_id = 0;
    if (n > 1) qsort(v, n, sizeof *v, cm_cmp_cell);
    size_t k = 0;
    for (size_t i = 0; i < n; i++) {
        if (k > 0 && v[k - 1].requirement_id == v[i].requirement_id) {
            for (int s = 0; s < COMPLIANCE_N_STATUS; s++) v[k - 1].n[s] += v[i].n[s];
        } else {
            v[k++] = v[i];
        }
    }
    return k;
}

static int cm_cmp_long(const void *a, const void *b);

err_code compliance_by_requirement(db_conn *c, bool recompute, const long *unit_ids, size_t n_units,
                                   compliance_req_cell **out, size_t *n_out, err *e)
{
    *out = NULL;
    *n_out = 0;
    if (recompute) {
        compliance_req_cell *all = NULL;
        size_t n_all = 0, k = 0;
        long *units = xcalloc(n_units + 1, sizeof *units); /* owned: sorted, for bsearch */
        memcpy(units, unit_ids, n_units * sizeof *units);
        qsort(units, n_units, sizeof *units, cm_cmp_long);
        err_code rc = compliance_req_cells(c, true, &all, &n_all, e);
        for (size_t i = 0; rc == OK && i < n_all; i++)
            if (bsearch(&all[i].unit_id, units, n_units, sizeof *units, cm_cmp_long)) all[k++] = all[i];
        free(units);
        if (rc != OK) return rc;
        *n_out = cm_fold_by_requirement(all, k);
        *out = all;
        return OK;
    }
    /* The maintained rows of the units, summed by the store, a few hundred units a
     * statement (bound parameters; a union has hundreds of units, not thousands). */
    enum { CHUNK = 500 };
    compliance_req_cell *v = xcalloc(1, sizeof *v);
    size_t n = 0, cap = 1;
    char (*num)[24] = xcalloc(CHUNK, sizeof *num); /* owned: the chunk's ids as text */
    const char **params = xcalloc(CHUNK, sizeof *params);
    err_code rc = OK;
    for (size_t from = 0; rc == OK && from < n_units; from += CHUNK) {
        size_t k = n_units - from < CHUNK ? n_units - from : CHUNK;
        buf sql;
        buf_init(&sql, 0);
        buf_puts(&sql, "SELECT requirement_id, SUM(not_started), SUM(partial), SUM(implemented), SUM(not_applicable),"
                       " SUM(excepted) FROM compliance_requirement_figure WHERE org_unit_id IN (");
        for (size_t i = 0; i < k; i++) {
            snprintf(num[i], sizeof num[i], "%ld", unit_ids[from + i]);
            params[i] = num[i];
            buf_printf(&sql, "%sCAST($%zu AS BIGINT)", i ? ", " : "", i + 1);
        }
        buf_puts(&sql, ") GROUP BY requirement_id");
        db_rows *rows = NULL;
        rc = db_query(c, buf_str(&sql), params, k, &rows, e);
        buf_free(&sql);
        for (size_t i = 0; rc == OK && i < rows->n_rows; i++) {
            if (n == cap) {
                cap *= 2;
                v = xrealloc(v, cap * sizeof *v);
            }
            memset(&v[n], 0, sizeof v[n]);
            v[n].requirement_id = atol(db_cell(rows, i, 0));
            bool any = false;
            for (int s = 0; s < COMPLIANCE_N_STATUS; s++) {
                v[n].n[s] = atol(db_cell(rows, i, 1 + (size_t)s));
                any = any || v[n].n[s] != 0;
            }
            if (any) n++;
        }
        db_rows_free(rows);
    }
    free(params);
    free(num);
    if (rc != OK) {
        free(v);
        return rc;
    }
    *n_out = cm_fold_by_requirement(v, n);
    *out = v;
    return OK;
}

/* ---- the Statement of Applicability ---- */

static int cm_cmp_long(const void *a, const void *b)
{
    long x = *(const long *)a, y = *(const long *)b;
    return (x > y) - (x < y);
}

err_code compliance_soa(db_conn *c, const long *unit_ids, size_t n_units, compliance_soa_row **out, size_t *n_out,
                        err *e)
{
    *out = NULL;
    *n_out = 0;
    cm_leaf *leaves = NULL;
    size_t n_leaves = 0, n_impl = 0;
    cm_impl *impl = NULL;
    db_rows *rows = NULL;
    long *units = xcalloc(n_units + 1, sizeof *units); /* owned: sorted, for bsearch */
    memcpy(units, unit_ids, n_units * sizeof *units);
    qsort(units, n_units, sizeof *units, cm_cmp_long);
    cm_filter all = {0, 0, 0, true, true};
    err_code rc = cm_leaves(c, 0, &leaves, &n_leaves, e);
    if (rc != OK) goto cleanup;
    compliance_soa_row *v = xcalloc(n_leaves + 1, sizeof *v);
    for (size_t k = 0; k < n_leaves; k++) v[k].requirement_id = leaves[k].id;
    *out = v;
    *n_out = n_leaves;
    if ((rc = cm_impls(c, &all, false, &impl, &n_impl, e)) != OK) goto cleanup;
    rc = db_query(c,
                  "SELECT a.id, a.owner_unit_id, a.kind, a.segment, a.personal_data, kc.rank, ki.rank, ka.rank"
                  " FROM asset a JOIN classification_class kc ON kc.id = a.c_class_id"
                  " JOIN classification_class ki ON ki.id = a.i_class_id"
                  " JOIN classification_class ka ON ka.id = a.a_class_id WHERE a.status = 'in_use' ORDER BY a.id",
                  DB_NO_PARAMS, &rows, e);
    if (rc != OK) goto cleanup;
    size_t ip = 0;
    for (size_t i = 0; i < rows->n_rows; i++) {
        long id = atol(db_cell(rows, i, 0)), unit = atol(db_cell(rows, i, 1));
        while (ip < n_impl && impl[ip].object_id < id) ip++;
        size_t iend = ip;
        while (iend < n_impl && impl[iend].object_id == id) iend++;
        if (bsearch(&unit, units, n_units, sizeof *units, cm_cmp_long)) {
            requirement_asset_facts a = {db_cell(rows, i, 2), db_cell(rows, i, 3), atoi(db_cell(rows, i, 5)),
                                         atoi(db_cell(rows, i, 6)), atoi(db_cell(rows, i, 7)),
                                         atoi(db_cell(rows, i, 4))};
            for (size_t k = 0; k < n_leaves; k++) {
                const cm_leaf *l = &leaves[k];
                if (l->unit_scope || !requirement_rules_apply(l->rules, l->n_rules, &a)) continue;
                v[k].objects++;
                v[k].n[cm_status(impl, ip, iend, l->id)]++;
            }
        }
        ip = iend;
    }
    db_rows_free(rows);
    rows = NULL;
    free(impl);
    impl = NULL;
    if ((rc = cm_impls(c, &all, true, &impl, &n_impl, e)) != OK) goto cleanup;
    rc = db_query(c, "SELECT id FROM org_unit WHERE valid_to IS NULL ORDER BY id", DB_NO_PARAMS, &rows, e);
    if (rc != OK) goto cleanup;
    ip = 0;
    for (size_t i = 0; i < rows->n_rows; i++) {
        long id = atol(db_cell(rows, i, 0));
        while (ip < n_impl && impl[ip].object_id < id) ip++;
        size_t iend = ip;
        while (iend < n_impl && impl[iend].object_id == id) iend++;
        if (bsearch(&id, units, n_units, sizeof *units, cm_cmp_long))
            for (size_t k = 0; k < n_leaves; k++) {
                if (!leaves[k].unit_scope) continue;
                v[k].objects++;
                v[k].n[cm_status(impl, ip, iend, leaves[k].id)]++;
            }
        ip = iend;
    }
cleanup:
    db_rows_free(rows);
    free(impl);
    free(units);
    cm_leaves_free(leaves, n_leaves);
    if (rc != OK) {
        free(*out);
        *out = NULL;
        *n_out = 0;
    }
    return rc;
}

/* ---- snapshots ---- */

err_code compliance_snapshot_take(db_conn *c, const char *period_kind, const char *period, bool *taken, err *e)
{
    *taken = false;
    char now[TIME_CANON_LEN];
    time_now_canon(now);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "INSERT INTO compliance_snapshot (period_kind, period, taken_at) VALUES ($1, $2, $3)"
                           " ON CONFLICT (period_kind, period) DO NOTHING RETURNING id",
                           DB_PARAMS(period_kind, period, now), &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        rc = db_query(c,
                      "INSERT INTO compliance_snapshot_figure (snapshot_id, org_unit_id, measure_kind, c_rank, status, n)"
                      " SELECT CAST($1 AS BIGINT), org_unit_id, measure_kind, c_rank, status, n FROM compliance_figure"
                      " WHERE n <> 0",
                      DB_PARAMS(db_cell(rows, 0, 0)), NULL, e);
        *taken = rc == OK;
    }
    db_rows_free(rows);
    return rc;
}

err_code compliance_snapshot_put(db_conn *c, const char *period_kind, const char *period, const char *taken_at,
                                 const compliance_grid *g, bool *taken, err *e)
{
    *taken = false;
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "INSERT INTO compliance_snapshot (period_kind, period, taken_at) VALUES ($1, $2, $3)"
                           " ON CONFLICT (period_kind, period) DO NOTHING RETURNING id",
                           DB_PARAMS(period_kind, period, taken_at), &rows, e);
    for (size_t u = 0; rc == OK && rows->n_rows == 1 && u < g->n; u++)
        for (int k = 0; rc == OK && k < COMPLIANCE_N_KINDS; k++)
            for (int q = 0; rc == OK && q < COMPLIANCE_N_RANKS; q++)
                for (int s = 0; rc == OK && s < COMPLIANCE_N_STATUS; s++) {
                    long n = g->units[u].n[k][q][s];
                    if (n == 0) continue;
                    char ut[24], qt[16], nt[24];
                    snprintf(ut, sizeof ut, "%ld", g->units[u].unit_id);
                    snprintf(qt, sizeof qt, "%d", q);
                    snprintf(nt, sizeof nt, "%ld", n);
                    rc = db_query(c,
                                  "INSERT INTO compliance_snapshot_figure (snapshot_id, org_unit_id, measure_kind,"
                                  " c_rank, status, n) VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3,"
                                  " CAST($4 AS INTEGER), $5, CAST($6 AS BIGINT))",
                                  DB_PARAMS(db_cell(rows, 0, 0), ut, requirement_kinds[k], qt, compliance_statuses[s], nt),
                                  NULL, e);
                }
    if (rc == OK && rows->n_rows == 1) *taken = true;
    db_rows_free(rows);
    return rc;
}

err_code compliance_snapshot_due(db *d, const char *today, int *n_taken, err *e)
{
    *n_taken = 0;
    int y, m, dd;
    if (!time_parse_date(today, &y, &m, &dd)) return err_set(e, ERR_VALIDATION, "not a date: %s", today);
    /* The month just ended, kept as it stood at its end (taken at the first chance in
     * the new month); in April, the 年度 just ended too (April to March, named by the
     * year it began). */
    int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1;
    char month[32], fy[32];
    snprintf(month, sizeof month, "%04d-%02d", py, pm);
    snprintf(fy, sizeof fy, "%04d", y - 1);
    db_conn *c = db_acquire(d);
    bool taken = false;
    err_code rc = db_begin_write(c, e);
    if (rc == OK) rc = compliance_snapshot_take(c, "month", month, &taken, e);
    if (rc == OK && taken) (*n_taken)++;
    if (rc == OK && m == 4) {
        rc = compliance_snapshot_take(c, "fiscal_year", fy, &taken, e);
        if (rc == OK && taken) (*n_taken)++;
    }
    if (rc == OK) rc = db_commit(c, e);
    else db_rollback(c);
    db_release(c);
    return rc;
}

/* requirement_status — one requirement's status everywhere it applies, in the reader's
 * sight (see requirement_status.h). Two statements per page: the counts by status over
 * everything in sight (the status filter and the page left aside, so the reader sees the
 * whole picture above a filtered list), and the page itself. */
#include "domain/requirement_status.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/classification.h"
#include "domain/requirement.h"

/* The pairs of an item of scope 'asset': the assets in use its rules hold for, that
 * the reader sees. $1 viewer, $2 today (the CTE's), $3 the requirement, $4 the unit
 * filter (0: any). */
#define RS_ASSET_FROM                                                                                            \
    " FROM asset a JOIN org_unit u ON u.id = a.owner_unit_id"                                                    \
    " JOIN classification_class kc ON kc.id = a.c_class_id JOIN classification_class ki ON ki.id = a.i_class_id" \
    " JOIN classification_class ka ON ka.id = a.a_class_id"                                                      \
    " LEFT JOIN implementation im ON im.asset_id = a.id AND im.requirement_id = CAST($3 AS BIGINT)"              \
    " LEFT JOIN person p ON p.id = im.owner_id"                                                                  \
    " WHERE a.status = 'in_use' AND " AUTHZ_ASSET_VISIBLE("a", "kc") " AND"                                      \
    REQUIREMENT_RULES_HOLD("CAST($3 AS BIGINT)", "a", "kc", "ki", "ka")                                          \
    " AND (CAST($4 AS BIGINT) = 0 OR a.owner_unit_id = CAST($4 AS BIGINT))"
/* The pairs of an item of scope 'unit': the open units where the reader uses asset.read
 * (a unit's records are read so: implementation.c's IM_VISIBLE). */
#define RS_UNIT_FROM                                                                                             \
    " FROM org_unit u"                                                                                           \
    " LEFT JOIN implementation im ON im.org_unit_id = u.id AND im.requirement_id = CAST($3 AS BIGINT)"           \
    " LEFT JOIN person p ON p.id = im.owner_id"                                                                  \
    " WHERE u.valid_to IS NULL AND u.id IN (SELECT id FROM aread)"                                               \
    " AND (CAST($4 AS BIGINT) = 0 OR u.id = CAST($4 AS BIGINT))"
#define RS_STATUS " COALESCE(im.status, 'not_started')"
#define RS_PAGE                                                                                                  \
    " AND (CAST($5 AS TEXT) IS NULL OR" RS_STATUS " = CAST($5 AS TEXT))"
#define RS_IM_COLUMNS RS_STATUS ", im.id, im.version, im.reason, im.due_on, p.name"

static const char *const rs_counts_sql[2] = {
    AUTHZ_ASSET_CTE "SELECT" RS_STATUS ", COUNT(*)" RS_ASSET_FROM " GROUP BY" RS_STATUS,
    AUTHZ_ASSET_CTE "SELECT" RS_STATUS ", COUNT(*)" RS_UNIT_FROM " GROUP BY" RS_STATUS,
};
/* Columns: the object (asset: id, name, kind, C/I/A codes, C rank; unit: id), the unit
 * (id, code, names), the record, whether the reader may record it. */
static const char *const rs_page_sql[2] = {
    AUTHZ_ASSET_CTE AUTHZ_ASSET_CTE_ALSO("iwrite", "implementation.write")
    "SELECT a.id, a.name, a.kind, kc.code, ki.code, ka.code, kc.rank, u.id, u.code, u.name_ja, u.name_en,"
    RS_IM_COLUMNS ", CASE WHEN a.owner_unit_id IN (SELECT id FROM iwrite) THEN 1 ELSE 0 END" RS_ASSET_FROM RS_PAGE
    " AND a.id > CAST($6 AS BIGINT) ORDER BY a.id LIMIT CAST($7 AS INTEGER)",
    AUTHZ_ASSET_CTE AUTHZ_ASSET_CTE_ALSO("iwrite", "implementation.write")
    "SELECT u.id, NULL, NULL, NULL, NULL, NULL, 0, u.id, u.code, u.name_ja, u.name_en,"
    RS_IM_COLUMNS ", CASE WHEN u.id IN (SELECT id FROM iwrite) THEN 1 ELSE 0 END" RS_UNIT_FROM RS_PAGE
    " AND u.id > CAST($6 AS BIGINT) ORDER BY u.id LIMIT CAST($7 AS INTEGER)",
};

static long rs_long(const db_rows *rows, size_t i, size_t col)
{
    const char *v = db_cell(rows, i, col);
    return v ? atol(v) : 0;
}

static void rs_fill(const db_rows *rows, size_t i, bool assets, requirement_status_row *r)
{
    memset(r, 0, sizeof *r);
    if (assets) {
        r->asset_id = rs_long(rows, i, 0);
        r->asset_name = xstrdup_opt(db_cell(rows, i, 1));
        r->asset_kind = xstrdup_opt(db_cell(rows, i, 2));
        r->label = classification_label(db_cell(rows, i, 3), db_cell(rows, i, 4), db_cell(rows, i, 5));
        r->c_rank = (int)rs_long(rows, i, 6);
    }
    r->unit_id = rs_long(rows, i, 7);
    r->unit_code = xstrdup_opt(db_cell(rows, i, 8));
    r->unit_name_ja = xstrdup_opt(db_cell(rows, i, 9));
    r->unit_name_en = xstrdup_opt(db_cell(rows, i, 10));
    r->status = xstrdup_opt(db_cell(rows, i, 11));
    r->implementation_id = rs_long(rows, i, 12);
    r->version = rs_long(rows, i, 13);
    r->reason = xstrdup_opt(db_cell(rows, i, 14));
    r->due_on = xstrdup_opt(db_cell(rows, i, 15));
    r->owner_name = xstrdup_opt(db_cell(rows, i, 16));
    /* 適用除外 is an approved exception's while it lasts: nobody records over it here. */
    r->writable = rs_long(rows, i, 17) == 1 && strcmp(r->status, "excepted") != 0;
}

err_code requirement_status_list(db_conn *c, long viewer, long requirement_id, const requirement_status_filter *f,
                                 requirement_status_page *out, err *e)
{
    memset(out, 0, sizeof *out);
    char who[24], today[11], rt[24], ut[24], after[24], lim[24];
    snprintf(who, sizeof who, "%ld", viewer);
    snprintf(rt, sizeof rt, "%ld", requirement_id);
    snprintf(ut, sizeof ut, "%ld", f->org_unit_id);
    snprintf(after, sizeof after, "%ld", f->after);
    long limit = f->limit > 0 ? f->limit : 50;
    snprintf(lim, sizeof lim, "%ld", limit + 1);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT r.scope, r.active, (SELECT COUNT(*) FROM requirement ch WHERE ch.parent_id = r.id"
                           " AND ch.active = 1) FROM requirement r WHERE r.id = CAST($1 AS BIGINT)",
                           DB_PARAMS(rt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such requirement");
    if (rc == OK) {
        snprintf(out->scope, sizeof out->scope, "%s", db_cell(rows, 0, 0));
        /* A group applies to nothing (its leaves do), nor does an item taken out of use. */
        out->applicable = !strcmp(db_cell(rows, 0, 1), "1") && !strcmp(db_cell(rows, 0, 2), "0");
    }
    db_rows_free(rows);
    rows = NULL;
    if (rc != OK || !out->applicable) return rc;
    int which = strcmp(out->scope, "asset") == 0 ? 0 : 1;

    rc = db_query(c, rs_counts_sql[which], DB_PARAMS(who, today, rt, ut), &rows, e);
    for (size_t i = 0; rc == OK && i < rows->n_rows; i++) {
        int k = compliance_status_index(db_cell(rows, i, 0));
        if (k >= 0) out->counts[k] = rs_long(rows, i, 1);
    }
    db_rows_free(rows);
    rows = NULL;
    if (rc != OK) return rc;

    rc = db_query(c, rs_page_sql[which], DB_PARAMS(who, today, rt, ut, f->status, after, lim), &rows, e);
    if (rc != OK) return rc;
    size_t n = rows->n_rows > (size_t)limit ? (size_t)limit : rows->n_rows;
    out->items = xcalloc(n + 1, sizeof *out->items);
    for (size_t i = 0; i < n; i++) rs_fill(rows, i, which == 0, &out->items[i]);
    out->n = n;
    if (rows->n_rows > (size_t)limit) out->next_after = which == 0 ? out->items[n - 1].asset_id : out->items[n - 1].unit_id;
    db_rows_free(rows);
    return OK;
}

void requirement_status_page_free(requirement_status_page *p)
{
    for (size_t i = 0; i < p->n; i++) {
        requirement_status_row *r = &p->items[i];
        free(r->asset_name);
        free(r->asset_kind);
        free(r->label);
        free(r->unit_code);
        free(r->unit_name_ja);
        free(r->unit_name_en);
        free(r->status);
        free(r->reason);
        free(r->due_on);
        free(r->owner_name);
    }
    free(p->items);
    memset(p, 0, sizeof *p);
}

/* risk — the risk register (see risk.h for the rules). */
#include "domain/risk.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

static bool rk_treatment_ok(const char *t)
{
    return !strcmp(t, "reduce") || !strcmp(t, "accept") || !strcmp(t, "avoid") || !strcmp(t, "transfer");
}

void risk_check(const risk_fields *f, bool creating, int size, err *e)
{
    if (creating && !f->likelihood) err_field_add(e, "likelihood", "is required");
    if (f->likelihood && (f->likelihood < 1 || f->likelihood > size))
        err_field_add(e, "likelihood", "must be a step of the matrix, from 1 to %d", size);
    if (f->impact && f->impact != -1 && (f->impact < 1 || f->impact > size))
        err_field_add(e, "impact", "must be a step of the matrix, from 1 to %d, or null (from the asset's class)", size);
    if (creating && !f->treatment) err_field_add(e, "treatment", "is required");
    if (f->treatment && !rk_treatment_ok(f->treatment))
        err_field_add(e, "treatment", "must be reduce, accept, avoid or transfer");
    if (f->note && strlen(f->note) > 4000) err_field_add(e, "note", "must be at most 4000 bytes");
    if (f->owner_id < -1) err_field_add(e, "owner_id", "must be the id of a person, or null");
    if (f->n_requirements > 200) err_field_add(e, "requirement_ids", "must name at most 200 requirements");
}

int risk_impact_of_rank(int max_rank, int size)
{
    int v = (max_rank * size + 4) / 5; /* ceil(rank × size / 5) */
    return v < 1 ? 1 : v > size ? size : v;
}

risk_figures risk_residual(int likelihood, int impact, const char *treatment, long n_reducing)
{
    risk_figures r = {likelihood, impact, 0};
    if (!strcmp(treatment, "reduce")) {
        long l = likelihood - (n_reducing > 0 ? n_reducing : 0);
        r.likelihood = l < 1 ? 1 : (int)l;
    } else if (!strcmp(treatment, "avoid")) {
        r.likelihood = 0;
        r.impact = 0;
    } else if (!strcmp(treatment, "transfer")) {
        r.impact = (impact + 1) / 2;
    }
    r.level = r.likelihood * r.impact;
    return r;
}

bool risk_status_reduces(const char *status)
{
    return status && (!strcmp(status, "implemented") || !strcmp(status, "not_applicable"));
}

/* The level and residual of a row whose inherent figures are set. */
static void rk_residual(risk_row *r)
{
    r->level = r->likelihood * r->impact;
    risk_figures res = risk_residual(r->likelihood, r->impact, r->treatment, r->n_reducing);
    r->residual_likelihood = res.likelihood;
    r->residual_impact = res.impact;
    r->residual_level = res.level;
}

/* The asset's owner unit and highest class rank, after the checks of sight and scope. */
static err_code rk_target(db_conn *c, long editor, long asset_id, long *unit, int *max_rank, err *e)
{
    authz_sight sight = editor == 0 ? AUTHZ_VISIBLE : AUTHZ_NO_SUCH;
    err_code rc = OK;
    if (editor != 0 && (rc = authz_can_see(c, editor, AUTHZ_ASSET, asset_id, &sight, e)) != OK) return rc;
    if (sight != AUTHZ_VISIBLE) return err_set(e, ERR_NOT_FOUND, "no such asset");
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", asset_id);
    db_rows *rows = NULL;
    rc = db_query(c,
                  "SELECT a.owner_unit_id, a.status, (SELECT MAX(cc.rank) FROM classification_class cc"
                  " WHERE cc.id IN (a.c_class_id, a.i_class_id, a.a_class_id)) FROM asset a WHERE a.id = CAST($1 AS BIGINT)",
                  DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such asset");
    if (rc == OK && strcmp(db_cell(rows, 0, 1), "in_use") != 0)
        rc = err_set(e, ERR_CONFLICT, "the asset has been disposed of");
    if (rc == OK) {
        *unit = atol(db_cell(rows, 0, 0));
        *max_rank = db_cell(rows, 0, 2) ? atoi(db_cell(rows, 0, 2)) : 1;
    }
    db_rows_free(rows);
    if (rc != OK) return rc;
    bool may = editor == 0;
    if (editor != 0 && (rc = authz_unit_in_scope(c, editor, "implementation.write", *unit, &may, e)) != OK)
        return rc;
    if (!may) return err_set(e, ERR_FORBIDDEN, "treating risks there is not among your units");
    return OK;
}

/* Field errors for a threat or requirements or an owner that do not exist. */
static err_code rk_refs(db_conn *c, long threat_id, const risk_fields *f, err *e)
{
    char idt[24];
    db_rows *rows = NULL;
    err_code rc = OK;
    if (threat_id > 0) {
        snprintf(idt, sizeof idt, "%ld", threat_id);
        rc = db_query(c, "SELECT 1 FROM threat WHERE id = CAST($1 AS BIGINT) AND active = 1", DB_PARAMS(idt), &rows, e);
        if (rc == OK && rows->n_rows == 0) err_field_add(e, "threat_id", "no such active threat");
        db_rows_free(rows);
        rows = NULL;
    }
    for (size_t i = 0; rc == OK && f->set_requirements && i < f->n_requirements; i++) {
        snprintf(idt, sizeof idt, "%ld", f->requirement_ids[i]);
        rc = db_query(c, "SELECT 1 FROM requirement WHERE id = CAST($1 AS BIGINT) AND active = 1", DB_PARAMS(idt),
                      &rows, e);
        if (rc == OK && rows->n_rows == 0)
            err_field_add(e, "requirement_ids", "no such active requirement: %ld", f->requirement_ids[i]);
        db_rows_free(rows);
        rows = NULL;
    }
    if (rc == OK && f->owner_id > 0) {
        snprintf(idt, sizeof idt, "%ld", f->owner_id);
        rc = db_query(c, "SELECT 1 FROM person WHERE id = CAST($1 AS BIGINT) AND active = 1", DB_PARAMS(idt), &rows,
                      e);
        if (rc == OK && rows->n_rows == 0) err_field_add(e, "owner_id", "no such active person");
        db_rows_free(rows);
    }
    if (rc == OK && e && e->n_fields) rc = ERR_VALIDATION;
    return rc;
}

/* Replaces the linked requirements (a duplicate id counts once). */
static err_code rk_link(db_conn *c, long id, const risk_fields *f, err *e)
{
    char idt[24], rt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    err_code rc = db_query(c, "DELETE FROM risk_requirement WHERE risk_id = CAST($1 AS BIGINT)", DB_PARAMS(idt), NULL, e);
    for (size_t i = 0; rc == OK && i < f->n_requirements; i++) {
        bool dup = false;
        for (size_t j = 0; j < i && !dup; j++) dup = f->requirement_ids[j] == f->requirement_ids[i];
        if (dup) continue;
        snprintf(rt, sizeof rt, "%ld", f->requirement_ids[i]);
        rc = db_query(c, "INSERT INTO risk_requirement (risk_id, requirement_id) VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT))",
                      DB_PARAMS(idt, rt), NULL, e);
    }
    return rc;
}

/* Keeps the risk as it now is as its newest version. */
static err_code rk_record(db_conn *c, long id, long by, err *e)
{
    char idt[24], bt[24], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(bt, sizeof bt, "%ld", by);
    time_now_canon(now);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT requirement_id FROM risk_requirement WHERE risk_id = CAST($1 AS BIGINT) ORDER BY requirement_id",
                           DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    buf ids;
    buf_init(&ids, 0);
    for (size_t i = 0; i < rows->n_rows; i++) {
        if (i) buf_puts(&ids, ",");
        buf_puts(&ids, db_cell(rows, i, 0));
    }
    db_rows_free(rows);
    rc = db_query(c,
                  "INSERT INTO risk_version (risk_id, version, changed_at, changed_by, likelihood, impact,"
                  " impact_from_class, treatment, note, owner_id, requirement_ids, closed_at) SELECT id, version, $1,"
                  " CAST($2 AS BIGINT), likelihood, impact, impact_from_class, treatment, note, owner_id, $3, closed_at"
                  " FROM risk WHERE id = CAST($4 AS BIGINT)",
                  DB_PARAMS(now, by > 0 ? bt : NULL, ids.len ? buf_str(&ids) : NULL, idt), NULL, e);
    buf_free(&ids);
    return rc;
}

static json_t *rk_detail(const risk_fields *f)
{
    json_t *o = json_object();
    if (f->likelihood) json_object_set_new(o, "likelihood", json_integer(f->likelihood));
    if (f->impact) json_object_set_new(o, "impact", f->impact > 0 ? json_integer(f->impact) : json_null());
    if (f->treatment) json_object_set_new(o, "treatment", json_string(f->treatment));
    if (f->note) json_object_set_new(o, "note", json_string(f->note));
    if (f->owner_id) json_object_set_new(o, "owner_id", f->owner_id > 0 ? json_integer(f->owner_id) : json_null());
    if (f->set_requirements) {
        json_t *a = json_array();
        for (size_t i = 0; i < f->n_requirements; i++) json_array_append_new(a, json_integer(f->requirement_ids[i]));
        json_object_set_new(o, "requirement_ids", a);
    }
    if (f->close) json_object_set_new(o, "closed", json_true());
    return o;
}

err_code risk_create(db_conn *c, const audit_actor *editor, int size, long asset_id, long threat_id,
                     const risk_fields *f, long *id, err *e)
{
    risk_check(f, true, size, e);
    if (f->close) err_field_add(e, "closed", "a new risk is open");
    if (e && e->n_fields) return ERR_VALIDATION;
    long unit = 0;
    int max_rank = 1;
    err_code rc = rk_target(c, editor->id, asset_id, &unit, &max_rank, e);
    if (rc == OK) rc = rk_refs(c, threat_id, f, e);
    if (rc != OK) return rc;
    char at[24], tt[24], lt[24], it[24], ot[24], by[24], now[TIME_CANON_LEN];
    snprintf(at, sizeof at, "%ld", asset_id);
    snprintf(tt, sizeof tt, "%ld", threat_id);
    snprintf(lt, sizeof lt, "%ld", f->likelihood);
    snprintf(it, sizeof it, "%d", f->impact > 0 ? (int)f->impact : risk_impact_of_rank(max_rank, size));
    snprintf(ot, sizeof ot, "%ld", f->owner_id);
    snprintf(by, sizeof by, "%ld", editor->id);
    time_now_canon(now);
    db_rows *rows = NULL;
    rc = db_query(c,
                  "SELECT id FROM risk WHERE asset_id = CAST($1 AS BIGINT) AND threat_id = CAST($2 AS BIGINT)"
                  " AND closed_at IS NULL",
                  DB_PARAMS(at, tt), &rows, e);
    if (rc == OK && rows->n_rows > 0)
        rc = err_set(e, ERR_CONFLICT, "the asset has an open risk for this threat already (risk %s): change that one",
                     db_cell(rows, 0, 0));
    db_rows_free(rows);
    rows = NULL;
    if (rc == OK)
        rc = db_query(c,
                      "INSERT INTO risk (asset_id, threat_id, likelihood, impact, impact_from_class, treatment, note,"
                      " owner_id, created_at, created_by, updated_at, updated_by, version) VALUES (CAST($1 AS BIGINT),"
                      " CAST($2 AS BIGINT), CAST($3 AS INTEGER), CAST($4 AS INTEGER), CAST($5 AS INTEGER), $6, $7,"
                      " CAST($8 AS BIGINT), $9, CAST($10 AS BIGINT), $9, CAST($10 AS BIGINT), 1) RETURNING id",
                      DB_PARAMS(at, tt, lt, it, f->impact > 0 ? "0" : "1", f->treatment, db_opt_text(f->note),
                                f->owner_id > 0 ? ot : NULL, now, editor->id > 0 ? by : NULL),
                      &rows, e);
    if (rc == OK) *id = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    if (rc == OK && f->set_requirements) rc = rk_link(c, *id, f, e);
    if (rc == OK) rc = rk_record(c, *id, editor->id, e);
    if (rc == OK) {
        char idt[24];
        snprintf(idt, sizeof idt, "%ld", *id);
        json_t *detail = rk_detail(f);
        json_object_set_new(detail, "asset_id", json_integer(asset_id));
        json_object_set_new(detail, "threat_id", json_integer(threat_id));
        rc = audit_append(c, editor, "risk.create", "risk", idt, detail, e);
        json_decref(detail);
    }
    return rc;
}

err_code risk_update(db_conn *c, const audit_actor *editor, int size, long id, long version, const risk_fields *f,
                     err *e)
{
    risk_check(f, false, size, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    char idt[24], vt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT asset_id, version, closed_at FROM risk WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such risk");
    long asset_id = 0, stored = 0;
    bool closed = false;
    if (rc == OK) {
        asset_id = atol(db_cell(rows, 0, 0));
        stored = atol(db_cell(rows, 0, 1));
        closed = db_cell(rows, 0, 2) != NULL;
    }
    db_rows_free(rows);
    rows = NULL;
    long unit = 0;
    int max_rank = 1;
    if (rc == OK) rc = rk_target(c, editor->id, asset_id, &unit, &max_rank, e);
    if (rc == OK && closed) rc = err_set(e, ERR_CONFLICT, "the risk has been closed");
    if (rc == OK && stored != version)
        rc = err_set(e, ERR_PRECONDITION_FAILED, "the risk was changed meanwhile (version %ld, not %ld)", stored,
                     version);
    if (rc == OK) rc = rk_refs(c, 0, f, e);
    if (rc != OK) return rc;
    char lt[24], it[24], ot[24], by[24], now[TIME_CANON_LEN];
    snprintf(lt, sizeof lt, "%ld", f->likelihood);
    snprintf(it, sizeof it, "%d", f->impact == -1 ? risk_impact_of_rank(max_rank, size) : (int)f->impact);
    snprintf(ot, sizeof ot, "%ld", f->owner_id);
    snprintf(by, sizeof by, "%ld", editor->id);
    time_now_canon(now);
    rc = db_query(c,
                  "UPDATE risk SET likelihood = CASE WHEN CAST($1 AS INTEGER) > 0 THEN CAST($1 AS INTEGER) ELSE likelihood END,"
                  " impact = CASE WHEN CAST($2 AS INTEGER) > 0 THEN CAST($2 AS INTEGER) ELSE impact END,"
                  " impact_from_class = CASE WHEN CAST($3 AS TEXT) = 'class' THEN 1 WHEN CAST($3 AS TEXT) = 'hand'"
                  "  THEN 0 ELSE impact_from_class END,"
                  " treatment = COALESCE($4, treatment),"
                  " note = CASE WHEN CAST($5 AS TEXT) = '' THEN NULL ELSE COALESCE($5, note) END,"
                  " owner_id = CASE WHEN CAST($6 AS BIGINT) < 0 THEN NULL WHEN CAST($6 AS BIGINT) > 0"
                  "  THEN CAST($6 AS BIGINT) ELSE owner_id END,"
                  " closed_at = CASE WHEN CAST($7 AS TEXT) = '1' THEN $8 ELSE closed_at END,"
                  " closed_by = CASE WHEN CAST($7 AS TEXT) = '1' THEN CAST($9 AS BIGINT) ELSE closed_by END,"
                  " updated_at = $8, updated_by = CAST($9 AS BIGINT), version = version + 1"
                  " WHERE id = CAST($10 AS BIGINT) AND version = CAST($11 AS BIGINT) RETURNING version",
                  DB_PARAMS(lt, f->impact ? it : "0", f->impact == -1 ? "class" : f->impact > 0 ? "hand" : "",
                            f->treatment, f->note, ot, f->close ? "1" : "0", now, editor->id > 0 ? by : NULL, idt, vt),
                  &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "the risk was changed meanwhile");
    db_rows_free(rows);
    if (rc == OK && f->set_requirements) rc = rk_link(c, id, f, e);
    if (rc == OK) rc = rk_record(c, id, editor->id, e);
    if (rc == OK) {
        json_t *detail = rk_detail(f);
        json_object_set_new(detail, "version", json_integer(version + 1));
        rc = audit_append(c, editor, f->close ? "risk.close" : "risk.update", "risk", idt, detail, e);
        json_decref(detail);
    }
    return rc;
}

/* ---- reads ---- */

/* n_reducing counts the statuses risk_status_reduces names (the unit test holds the two
 * to each other on a store). */
#define RK_COLUMNS                                                                                                \
    " SELECT rk.id, rk.asset_id, rk.threat_id, a.owner_unit_id, rk.owner_id, rk.version, rk.likelihood,"        \
    " rk.impact, rk.impact_from_class, (SELECT MAX(cc.rank) FROM classification_class cc"                        \
    " WHERE cc.id IN (a.c_class_id, a.i_class_id, a.a_class_id)),"                                              \
    " (SELECT COUNT(*) FROM risk_requirement rr WHERE rr.risk_id = rk.id),"                                      \
    " (SELECT COUNT(*) FROM risk_requirement rr JOIN implementation im ON im.requirement_id = rr.requirement_id" \
    " AND im.asset_id = rk.asset_id WHERE rr.risk_id = rk.id AND im.status IN ('implemented', 'not_applicable')),"\
    " a.name, t.code, t.name_ja, t.name_en, rk.treatment, rk.note, p.name, rk.updated_at, rk.closed_at"
#define RK_FROM                                                                                                   \
    " FROM risk rk JOIN asset a ON a.id = rk.asset_id JOIN classification_class k ON k.id = a.c_class_id"       \
    " JOIN threat t ON t.id = rk.threat_id LEFT JOIN person p ON p.id = rk.owner_id"
#define RK_VISIBLE AUTHZ_ASSET_VISIBLE("a", "k")

static long rk_long(const db_rows *rows, size_t i, size_t col)
{
    const char *v = db_cell(rows, i, col);
    return v ? atol(v) : 0;
}

static void rk_fill(const db_rows *rows, size_t i, int size, risk_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = rk_long(rows, i, 0);
    r->asset_id = rk_long(rows, i, 1);
    r->threat_id = rk_long(rows, i, 2);
    r->unit_id = rk_long(rows, i, 3);
    r->owner_id = rk_long(rows, i, 4);
    r->version = rk_long(rows, i, 5);
    r->likelihood = (int)rk_long(rows, i, 6);
    r->impact = (int)rk_long(rows, i, 7);
    r->impact_from_class = rk_long(rows, i, 8) == 1;
    /* The class's impact follows the asset's classes and the matrix as they are now; a
     * setting made smaller keeps every figure inside the matrix. */
    if (r->impact_from_class) r->impact = risk_impact_of_rank((int)rk_long(rows, i, 9), size);
    if (r->likelihood > size) r->likelihood = size;
    if (r->impact > size) r->impact = size;
    r->n_requirements = rk_long(rows, i, 10);
    r->n_reducing = rk_long(rows, i, 11);
    r->asset_name = xstrdup_opt(db_cell(rows, i, 12));
    r->threat_code = xstrdup_opt(db_cell(rows, i, 13));
    r->threat_name_ja = xstrdup_opt(db_cell(rows, i, 14));
    r->threat_name_en = xstrdup_opt(db_cell(rows, i, 15));
    r->treatment = xstrdup_opt(db_cell(rows, i, 16));
    r->note = xstrdup_opt(db_cell(rows, i, 17));
    r->owner_name = xstrdup_opt(db_cell(rows, i, 18));
    r->updated_at = xstrdup_opt(db_cell(rows, i, 19));
    r->closed_at = xstrdup_opt(db_cell(rows, i, 20));
    rk_residual(r);
}

static err_code rk_links(db_conn *c, risk_row *r, err *e)
{
    char idt[24], at[24];
    snprintf(idt, sizeof idt, "%ld", r->id);
    snprintf(at, sizeof at, "%ld", r->asset_id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT q.id, q.code, q.title_ja, q.title_en, COALESCE(im.status, 'not_started')"
                           " FROM risk_requirement rr JOIN requirement q ON q.id = rr.requirement_id"
                           " LEFT JOIN implementation im ON im.requirement_id = q.id AND im.asset_id = CAST($2 AS BIGINT)"
                           " WHERE rr.risk_id = CAST($1 AS BIGINT) ORDER BY q.code, q.id",
                           DB_PARAMS(idt, at), &rows, e);
    if (rc != OK) return rc;
    r->links = xcalloc(rows->n_rows + 1, sizeof *r->links);
    for (size_t i = 0; i < rows->n_rows; i++) {
        r->links[i].requirement_id = rk_long(rows, i, 0);
        r->links[i].code = xstrdup_opt(db_cell(rows, i, 1));
        r->links[i].title_ja = xstrdup_opt(db_cell(rows, i, 2));
        r->links[i].title_en = xstrdup_opt(db_cell(rows, i, 3));
        snprintf(r->links[i].status, sizeof r->links[i].status, "%s", db_cell(rows, i, 4));
        r->links[i].reduces = risk_status_reduces(r->links[i].status);
    }
    r->n_links = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

err_code risk_get(db_conn *c, long viewer, int size, long id, risk_row *out, bool *hidden, err *e)
{
    memset(out, 0, sizeof *out);
    *hidden = false;
    char who[24], today[11], idt[24];
    snprintf(who, sizeof who, "%ld", viewer);
    snprintf(idt, sizeof idt, "%ld", id);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           AUTHZ_ASSET_CTE RK_COLUMNS ", CASE WHEN " RK_VISIBLE " THEN 1 ELSE 0 END" RK_FROM
                           " WHERE rk.id = CAST($3 AS BIGINT)",
                           DB_PARAMS(who, today, idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such risk");
    if (rc == OK && strcmp(db_cell(rows, 0, 21), "1") != 0) {
        *hidden = true;
        rc = err_set(e, ERR_NOT_FOUND, "no such risk");
    }
    if (rc == OK) rk_fill(rows, 0, size, out);
    db_rows_free(rows);
    if (rc == OK) rc = rk_links(c, out, e);
    if (rc != OK) risk_row_clear(out);
    return rc;
}

/* The visible risks of the filter, a page (limit > 0) or all of them (limit 0). */
static err_code rk_query(db_conn *c, long viewer, const risk_filter *f, long limit, db_rows **rows, err *e)
{
    char who[24], today[11], at[24], tt[24], ut[24], after[24], lim[24];
    snprintf(who, sizeof who, "%ld", viewer);
    snprintf(at, sizeof at, "%ld", f->asset_id);
    snprintf(tt, sizeof tt, "%ld", f->threat_id);
    snprintf(ut, sizeof ut, "%ld", f->org_unit_id);
    snprintf(after, sizeof after, "%ld", f->after);
    snprintf(lim, sizeof lim, "%ld", limit > 0 ? limit + 1 : 1000000000000L); /* 0: all of them */
    time_today_local(today);
    return db_query(c,
                    AUTHZ_ASSET_CTE RK_COLUMNS RK_FROM " WHERE " RK_VISIBLE
                    " AND (CAST($3 AS BIGINT) = 0 OR rk.asset_id = CAST($3 AS BIGINT))"
                    " AND (CAST($4 AS BIGINT) = 0 OR rk.threat_id = CAST($4 AS BIGINT))"
                    " AND (CAST($5 AS BIGINT) = 0 OR a.owner_unit_id = CAST($5 AS BIGINT))"
                    " AND ((CAST($6 AS TEXT) = '1') = (rk.closed_at IS NOT NULL))"
                    " AND rk.id > CAST($7 AS BIGINT) ORDER BY rk.id"
                    " LIMIT CAST($8 AS BIGINT)",
                    DB_PARAMS(who, today, at, tt, ut, f->closed ? "1" : "0", after, lim), rows, e);
}

err_code risk_list(db_conn *c, long viewer, int size, const risk_filter *f, risk_page *out, err *e)
{
    memset(out, 0, sizeof *out);
    long limit = f->limit > 0 ? f->limit : 50;
    db_rows *rows = NULL;
    err_code rc = rk_query(c, viewer, f, limit, &rows, e);
    if (rc != OK) return rc;
    size_t n = rows->n_rows > (size_t)limit ? (size_t)limit : rows->n_rows;
    out->items = xcalloc(n + 1, sizeof *out->items);
    for (size_t i = 0; i < n; i++) rk_fill(rows, i, size, &out->items[i]);
    out->n = n;
    if (rows->n_rows > (size_t)limit) out->next_after = out->items[n - 1].id;
    db_rows_free(rows);
    return OK;
}

err_code risk_heatmap_of(db_conn *c, long viewer, int size, const risk_filter *f, risk_heatmap *out, err *e)
{
    memset(out, 0, sizeof *out);
    risk_filter all = *f;
    all.after = 0;
    all.closed = false;
    db_rows *rows = NULL;
    err_code rc = rk_query(c, viewer, &all, 0, &rows, e);
    if (rc != OK) return rc;
    out->size = size;
    out->inherent = xcalloc((size_t)size * (size_t)size, sizeof *out->inherent);
    out->residual = xcalloc((size_t)size * (size_t)size, sizeof *out->residual);
    for (size_t i = 0; i < rows->n_rows; i++) {
        risk_row r;
        rk_fill(rows, i, size, &r);
        out->inherent[(r.likelihood - 1) * size + (r.impact - 1)]++;
        if (r.residual_level == 0) out->avoided++;
        else out->residual[(r.residual_likelihood - 1) * size + (r.residual_impact - 1)]++;
        out->total++;
        risk_row_clear(&r);
    }
    db_rows_free(rows);
    return OK;
}

err_code risk_history(db_conn *c, long id, risk_version_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL, *codes = NULL;
    err_code rc = db_query(c,
                           "SELECT v.version, v.changed_at, pb.name, v.likelihood, v.impact, v.impact_from_class,"
                           " v.treatment, v.note, p.name, v.closed_at FROM risk_version v"
                           " LEFT JOIN person pb ON pb.id = v.changed_by LEFT JOIN person p ON p.id = v.owner_id"
                           " WHERE v.risk_id = CAST($1 AS BIGINT) ORDER BY v.version DESC",
                           DB_PARAMS(idt), &rows, e);
    /* A version keeps its requirements as a list of ids ("3,17,20"); their codes by a
     * match of ",id," inside ",list," (one risk's versions against the catalog). */
    if (rc == OK)
        rc = db_query(c,
                      "SELECT v.version, q.code FROM risk_version v JOIN requirement q"
                      " ON (',' || v.requirement_ids || ',') LIKE ('%,' || CAST(q.id AS TEXT) || ',%')"
                      " WHERE v.risk_id = CAST($1 AS BIGINT) AND v.requirement_ids IS NOT NULL"
                      " ORDER BY v.version DESC, q.code",
                      DB_PARAMS(idt), &codes, e);
    if (rc != OK) goto cleanup;
    risk_version_row *v = xcalloc(rows->n_rows + 1, sizeof *v);
    size_t k = 0;
    for (size_t i = 0; i < rows->n_rows; i++) {
        v[i].version = rk_long(rows, i, 0);
        v[i].changed_at = xstrdup_opt(db_cell(rows, i, 1));
        v[i].changed_by_name = xstrdup_opt(db_cell(rows, i, 2));
        v[i].likelihood = (int)rk_long(rows, i, 3);
        v[i].impact = (int)rk_long(rows, i, 4);
        v[i].impact_from_class = rk_long(rows, i, 5) == 1;
        v[i].treatment = xstrdup_opt(db_cell(rows, i, 6));
        v[i].note = xstrdup_opt(db_cell(rows, i, 7));
        v[i].owner_name = xstrdup_opt(db_cell(rows, i, 8));
        v[i].closed_at = xstrdup_opt(db_cell(rows, i, 9));
        /* Both in descending version order: this version's codes are the next run. */
        size_t from = k;
        while (k < codes->n_rows && rk_long(codes, k, 0) == v[i].version) k++;
        v[i].requirement_codes = xcalloc(k - from + 1, sizeof *v[i].requirement_codes);
        for (size_t j = from; j < k; j++) v[i].requirement_codes[j - from] = xstrdup_opt(db_cell(codes, j, 1));
        v[i].n_requirement_codes = k - from;
    }
    *n = rows->n_rows;
    *out = v;
cleanup:
    db_rows_free(rows);
    db_rows_free(codes);
    return rc;
}

void risk_row_clear(risk_row *r)
{
    free(r->asset_name);
    free(r->threat_code);
    free(r->threat_name_ja);
    free(r->threat_name_en);
    free(r->treatment);
    free(r->note);
    free(r->owner_name);
    free(r->updated_at);
    free(r->closed_at);
    for (size_t i = 0; i < r->n_links; i++) {
        free(r->links[i].code);
        free(r->links[i].title_ja);
        free(r->links[i].title_en);
    }
    free(r->links);
    memset(r, 0, sizeof *r);
}

void risk_page_free(risk_page *p)
{
    for (size_t i = 0; i < p->n; i++) risk_row_clear(&p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}

void risk_heatmap_free(risk_heatmap *h)
{
    free(h->inherent);
    free(h->residual);
    memset(h, 0, sizeof *h);
}

void risk_history_free(risk_version_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].changed_at);
        free(v[i].changed_by_name);
        free(v[i].treatment);
        free(v[i].note);
        free(v[i].owner_name);
        free(v[i].closed_at);
        for (size_t j = 0; j < v[i].n_requirement_codes; j++) free(v[i].requirement_codes[j]);
        free(v[i].requirement_codes);
    }
    free(v);
}

/* implementation — implementation records (see implementation.h). */
#include "domain/implementation.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/compliance.h"
#include "domain/requirement.h"

void implementation_check(const implementation_fields *f, bool creating, err *e)
{
    if (creating && !f->status) err_field_add(e, "status", "is required");
    if (f->status) {
        if (!strcmp(f->status, "excepted"))
            err_field_add(e, "status", "適用除外 (excepted) comes only from an approved exception, never set here");
        else if (compliance_status_index(f->status) < 0)
            err_field_add(e, "status", "must be not_started, partial, implemented or not_applicable");
    }
    if (f->status && !strcmp(f->status, "not_applicable") && (!f->reason || !*f->reason))
        err_field_add(e, "reason", "is required for not_applicable (対象外): say why");
    if (f->reason && strlen(f->reason) > 2000) err_field_add(e, "reason", "must be at most 2000 bytes");
    if (f->note && strlen(f->note) > 4000) err_field_add(e, "note", "must be at most 4000 bytes");
    int y, m, d;
    if (f->due_on && *f->due_on && (strlen(f->due_on) != 10 || !time_parse_date(f->due_on, &y, &m, &d)))
        err_field_add(e, "due_on", "must be a date (YYYY-MM-DD)");
    if (f->owner_id < -1) err_field_add(e, "owner_id", "must be the id of a person, or null");
}

/* The unit a pair counts to, after the checks of sight and scope. */
static err_code im_target(db_conn *c, long editor, long asset_id, long unit_id, long *count_unit, err *e)
{
    char idt[24];
    db_rows *rows = NULL;
    err_code rc = OK;
    if (asset_id > 0) {
        /* The system (id 0: the demo, the command line) records anywhere. */
        authz_sight sight = editor == 0 ? AUTHZ_VISIBLE : AUTHZ_NO_SUCH;
        if (editor != 0 && (rc = authz_can_see(c, editor, AUTHZ_ASSET, asset_id, &sight, e)) != OK) return rc;
        if (sight != AUTHZ_VISIBLE) return err_set(e, ERR_NOT_FOUND, "no such asset");
        snprintf(idt, sizeof idt, "%ld", asset_id);
        rc = db_query(c, "SELECT owner_unit_id, status FROM asset WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows,
                      e);
        if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such asset");
        if (rc == OK && strcmp(db_cell(rows, 0, 1), "in_use") != 0)
            rc = err_set(e, ERR_CONFLICT, "the asset has been disposed of");
        if (rc == OK) *count_unit = atol(db_cell(rows, 0, 0));
    } else {
        snprintf(idt, sizeof idt, "%ld", unit_id);
        rc = db_query(c, "SELECT valid_to FROM org_unit WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows, e);
        if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such unit");
        if (rc == OK && db_cell(rows, 0, 0)) rc = err_set(e, ERR_CONFLICT, "the unit has been closed");
        if (rc == OK) *count_unit = unit_id;
    }
    db_rows_free(rows);
    if (rc != OK) return rc;
    bool may = editor == 0;
    if (editor != 0 && (rc = authz_unit_in_scope(c, editor, "implementation.write", *count_unit, &may, e)) != OK)
        return rc;
    if (!may) return err_set(e, ERR_FORBIDDEN, "recording implementation there is not among your units");
    return OK;
}

/* Does the requirement apply to the pair (ERR_VALIDATION naming requirement_id if not)? */
static err_code im_applies(db_conn *c, long requirement_id, long asset_id, err *e)
{
    requirement_row q;
    err_code rc = requirement_get(c, requirement_id, &q, e);
    if (rc == ERR_NOT_FOUND) {
        err_clear(e);
        err_field_add(e, "requirement_id", "no such requirement");
        return ERR_VALIDATION;
    }
    if (rc != OK) return rc;
    bool ok = true;
    if (!q.active || q.n_children > 0) {
        err_field_add(e, "requirement_id", "must be an active item of the catalog (not a group)");
        ok = false;
    } else if (strcmp(q.scope, asset_id > 0 ? "asset" : "unit") != 0) {
        err_field_add(e, "requirement_id", asset_id > 0 ? "is carried out per unit: record it on the unit"
                                                        : "is carried out per asset: record it on the asset");
        ok = false;
    }
    requirement_row_clear(&q);
    if (!ok) return ERR_VALIDATION;
    if (asset_id <= 0) return OK;
    requirement_page page;
    if ((rc = requirement_applicable(c, asset_id, &page, e)) != OK) return rc;
    bool found = false;
    for (size_t i = 0; i < page.n && !found; i++) found = page.items[i].id == requirement_id;
    requirement_page_free(&page);
    if (!found) {
        err_field_add(e, "requirement_id", "does not apply to this asset (its kind, segment, personal data or classes)");
        return ERR_VALIDATION;
    }
    return OK;
}

static err_code im_owner_ok(db_conn *c, long owner_id, err *e)
{
    if (owner_id <= 0) return OK;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", owner_id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT 1 FROM person WHERE id = CAST($1 AS BIGINT) AND active = 1", DB_PARAMS(idt),
                           &rows, e);
    if (rc == OK && rows->n_rows == 0) {
        err_field_add(e, "owner_id", "no such active person");
        rc = ERR_VALIDATION;
    }
    db_rows_free(rows);
    return rc;
}

/* Keeps the record as it now is as its newest version, made by `change` ('create',
 * 'update', or 'evidence' with the file added, file_id). */
static err_code im_record(db_conn *c, long id, long by, const char *change, long file_id, err *e)
{
    char idt[24], bt[24], ft[24], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(bt, sizeof bt, "%ld", by);
    snprintf(ft, sizeof ft, "%ld", file_id);
    time_now_canon(now);
    return db_query(c,
                    "INSERT INTO implementation_version (implementation_id, version, changed_at, changed_by, status,"
                    " reason, owner_id, due_on, note, change, file_id) SELECT id, version, $1, CAST($2 AS BIGINT),"
                    " status, reason, owner_id, due_on, note, CAST($4 AS TEXT), CAST($5 AS BIGINT) FROM implementation"
                    " WHERE id = CAST($3 AS BIGINT)",
                    DB_PARAMS(now, by > 0 ? bt : NULL, idt, change, file_id > 0 ? ft : NULL), NULL, e);
}

static json_t *im_detail(const implementation_fields *f)
{
    json_t *o = json_object();
    if (f->status) json_object_set_new(o, "status", json_string(f->status));
    if (f->reason) json_object_set_new(o, "reason", json_string(f->reason));
    if (f->due_on) json_object_set_new(o, "due_on", json_string(f->due_on));
    if (f->note) json_object_set_new(o, "note", json_string(f->note));
    if (f->owner_id) json_object_set_new(o, "owner_id", f->owner_id > 0 ? json_integer(f->owner_id) : json_null());
    return o;
}

err_code implementation_create(db_conn *c, const audit_actor *editor, long requirement_id, long asset_id,
                               long unit_id, const implementation_fields *f, long *id, err *e)
{
    implementation_check(f, true, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    long count_unit = 0;
    err_code rc = im_target(c, editor->id, asset_id, unit_id, &count_unit, e);
    if (rc == OK) rc = im_applies(c, requirement_id, asset_id, e);
    if (rc == OK) rc = im_owner_ok(c, f->owner_id, e);
    if (rc != OK) return rc;
    char rt[24], at[24], ut[24], ot[24], by[24], now[TIME_CANON_LEN];
    snprintf(rt, sizeof rt, "%ld", requirement_id);
    snprintf(at, sizeof at, "%ld", asset_id);
    snprintf(ut, sizeof ut, "%ld", unit_id);
    snprintf(ot, sizeof ot, "%ld", f->owner_id);
    snprintf(by, sizeof by, "%ld", editor->id);
    time_now_canon(now);
    db_rows *rows = NULL;
    rc = db_query(c,
                  "SELECT id FROM implementation WHERE requirement_id = CAST($1 AS BIGINT) AND"
                  " (asset_id = CAST($2 AS BIGINT) OR org_unit_id = CAST($3 AS BIGINT))",
                  DB_PARAMS(rt, asset_id > 0 ? at : "0", asset_id > 0 ? "0" : ut), &rows, e);
    if (rc == OK && rows->n_rows > 0)
        rc = err_set(e, ERR_CONFLICT, "the pair has a record already (implementation %s): change that one",
                     db_cell(rows, 0, 0));
    db_rows_free(rows);
    rows = NULL;
    if (rc == OK) rc = compliance_implementation_before(c, requirement_id, asset_id, unit_id, e);
    if (rc == OK)
        rc = db_query(c,
                      "INSERT INTO implementation (requirement_id, asset_id, org_unit_id, status, reason, owner_id,"
                      " due_on, note, created_at, created_by, updated_at, updated_by, version) VALUES"
                      " (CAST($1 AS BIGINT), CAST($2 AS BIGINT), CAST($3 AS BIGINT), $4, $5, CAST($6 AS BIGINT), $7,"
                      " $8, $9, CAST($10 AS BIGINT), $9, CAST($10 AS BIGINT), 1) RETURNING id",
                      DB_PARAMS(rt, asset_id > 0 ? at : NULL, asset_id > 0 ? NULL : ut, f->status, db_opt_text(f->reason),
                                f->owner_id > 0 ? ot : NULL, db_opt_text(f->due_on), db_opt_text(f->note), now,
                                editor->id > 0 ? by : NULL),
                      &rows, e);
    if (rc == OK) *id = atol(db_cell(rows, 0, 0));
    if (rc == OK) rc = im_record(c, *id, editor->id, "create", 0, e);
    if (rc == OK) rc = compliance_implementation_after(c, requirement_id, asset_id, unit_id, e);
    if (rc == OK) {
        json_t *detail = im_detail(f);
        json_object_set_new(detail, "requirement_id", json_integer(requirement_id));
        json_object_set_new(detail, asset_id > 0 ? "asset_id" : "org_unit_id", json_integer(asset_id > 0 ? asset_id : unit_id));
        rc = audit_append(c, editor, "implementation.create", "implementation", db_cell(rows, 0, 0), detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    return rc;
}

/* The pair of a record: requirement, asset (0) or unit (0), status, version. */
static err_code im_pair(db_conn *c, long id, long *rid, long *aid, long *uid, char **status, long *version, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT requirement_id, asset_id, org_unit_id, status, version FROM implementation"
                           " WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such implementation record");
    if (rc == OK) {
        *rid = atol(db_cell(rows, 0, 0));
        *aid = db_cell(rows, 0, 1) ? atol(db_cell(rows, 0, 1)) : 0;
        *uid = db_cell(rows, 0, 2) ? atol(db_cell(rows, 0, 2)) : 0;
        if (status) *status = xstrdup(db_cell(rows, 0, 3));
        if (version) *version = atol(db_cell(rows, 0, 4));
    }
    db_rows_free(rows);
    return rc;
}

err_code implementation_writable(db_conn *c, long editor, long id, err *e)
{
    long rid, aid, uid, count_unit;
    err_code rc = im_pair(c, id, &rid, &aid, &uid, NULL, NULL, e);
    if (rc == OK) rc = im_target(c, editor, aid, uid, &count_unit, e);
    return rc;
}

err_code implementation_update(db_conn *c, const audit_actor *editor, long id, long version,
                               const implementation_fields *f, err *e)
{
    implementation_check(f, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    long rid = 0, aid = 0, uid = 0, stored = 0, count_unit = 0;
    char *status = NULL;
    err_code rc = im_pair(c, id, &rid, &aid, &uid, &status, &stored, e);
    if (rc == OK) rc = im_target(c, editor->id, aid, uid, &count_unit, e);
    if (rc == OK && !strcmp(status, "excepted"))
        rc = err_set(e, ERR_CONFLICT, "適用除外: an approved exception decides this record while it lasts");
    free(status);
    if (rc == OK && stored != version)
        rc = err_set(e, ERR_PRECONDITION_FAILED, "the record was changed meanwhile (version %ld, not %ld)", stored,
                     version);
    if (rc == OK) rc = im_owner_ok(c, f->owner_id, e);
    if (rc != OK) return rc;
    char idt[24], vt[24], ot[24], by[24], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(ot, sizeof ot, "%ld", f->owner_id);
    snprintf(by, sizeof by, "%ld", editor->id);
    time_now_canon(now);
    db_rows *rows = NULL;
    rc = compliance_implementation_before(c, rid, aid, uid, e);
#define IM_OPT(col, n) " " col " = CASE WHEN CAST($" n " AS TEXT) = '' THEN NULL ELSE COALESCE($" n ", " col ") END,"
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE implementation SET status = COALESCE($1, status)," IM_OPT("reason", "2")
                      IM_OPT("due_on", "3") IM_OPT("note", "4")
                      " owner_id = CASE WHEN CAST($5 AS BIGINT) < 0 THEN NULL WHEN CAST($5 AS BIGINT) > 0"
                      "  THEN CAST($5 AS BIGINT) ELSE owner_id END,"
                      " updated_at = $6, updated_by = CAST($7 AS BIGINT), version = version + 1"
                      " WHERE id = CAST($8 AS BIGINT) AND version = CAST($9 AS BIGINT) RETURNING version, status, reason",
                      DB_PARAMS(f->status, f->reason, f->due_on, f->note, ot, now, editor->id > 0 ? by : NULL, idt, vt),
                      &rows, e);
#undef IM_OPT
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "the record was changed meanwhile");
    if (rc == OK && !strcmp(db_cell(rows, 0, 1), "not_applicable") && !db_cell(rows, 0, 2)) {
        err_field_add(e, "reason", "is required for not_applicable (対象外): say why");
        rc = ERR_VALIDATION;
    }
    db_rows_free(rows);
    if (rc == OK) rc = im_record(c, id, editor->id, "update", 0, e);
    if (rc == OK) rc = compliance_implementation_after(c, rid, aid, uid, e);
    if (rc == OK) {
        json_t *detail = im_detail(f);
        json_object_set_new(detail, "version", json_integer(version + 1));
        rc = audit_append(c, editor, "implementation.update", "implementation", idt, detail, e);
        json_decref(detail);
    }
    return rc;
}

/* ---- reads ---- */

#define IM_COLUMNS                                                                                                \
    " SELECT im.id, im.requirement_id, im.asset_id, im.org_unit_id, u.id, im.owner_id, im.version, r.code,"      \
    " r.title_ja, r.title_en, r.measure_kind, r.scope, a.name, u.name_ja, u.name_en, im.status, im.reason,"     \
    " im.due_on, im.note, p.name, im.updated_at, pb.name"
#define IM_FROM                                                                                                   \
    " FROM implementation im JOIN requirement r ON r.id = im.requirement_id"                                    \
    " LEFT JOIN asset a ON a.id = im.asset_id LEFT JOIN classification_class k ON k.id = a.c_class_id"          \
    " JOIN org_unit u ON u.id = COALESCE(a.owner_unit_id, im.org_unit_id)"                                      \
    " LEFT JOIN person p ON p.id = im.owner_id LEFT JOIN person pb ON pb.id = im.updated_by"
/* Visibility: an asset's records as the asset (AUTHZ_ASSET_VISIBLE); a unit's, for
 * asset.read in the unit. */
#define IM_VISIBLE                                                                                                \
    " ((im.asset_id IS NOT NULL AND " AUTHZ_ASSET_VISIBLE("a", "k") ")"                                           \
    " OR (im.org_unit_id IS NOT NULL AND im.org_unit_id IN (SELECT id FROM aread)))"

static long im_long(const db_rows *rows, size_t i, size_t col)
{
    const char *v = db_cell(rows, i, col);
    return v ? atol(v) : 0;
}

static void im_fill(const db_rows *rows, size_t i, implementation_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = im_long(rows, i, 0);
    r->requirement_id = im_long(rows, i, 1);
    r->asset_id = im_long(rows, i, 2);
    r->org_unit_id = im_long(rows, i, 3);
    r->unit_id = im_long(rows, i, 4);
    r->owner_id = im_long(rows, i, 5);
    r->version = im_long(rows, i, 6);
    r->requirement_code = xstrdup_opt(db_cell(rows, i, 7));
    r->requirement_title_ja = xstrdup_opt(db_cell(rows, i, 8));
    r->requirement_title_en = xstrdup_opt(db_cell(rows, i, 9));
    r->measure_kind = xstrdup_opt(db_cell(rows, i, 10));
    r->scope = xstrdup_opt(db_cell(rows, i, 11));
    r->asset_name = xstrdup_opt(db_cell(rows, i, 12));
    r->unit_name_ja = xstrdup_opt(db_cell(rows, i, 13));
    r->unit_name_en = xstrdup_opt(db_cell(rows, i, 14));
    r->status = xstrdup_opt(db_cell(rows, i, 15));
    r->reason = xstrdup_opt(db_cell(rows, i, 16));
    r->due_on = xstrdup_opt(db_cell(rows, i, 17));
    r->note = xstrdup_opt(db_cell(rows, i, 18));
    r->owner_name = xstrdup_opt(db_cell(rows, i, 19));
    r->updated_at = xstrdup_opt(db_cell(rows, i, 20));
    r->updated_by_name = xstrdup_opt(db_cell(rows, i, 21));
}

err_code implementation_get(db_conn *c, long viewer, long id, implementation_row *out, bool *hidden, err *e)
{
    memset(out, 0, sizeof *out);
    *hidden = false;
    char who[24], today[11], idt[24];
    snprintf(who, sizeof who, "%ld", viewer);
    snprintf(idt, sizeof idt, "%ld", id);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           AUTHZ_ASSET_CTE IM_COLUMNS ", CASE WHEN " IM_VISIBLE " THEN 1 ELSE 0 END" IM_FROM
                           " WHERE im.id = CAST($3 AS BIGINT)",
                           DB_PARAMS(who, today, idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such implementation record");
    if (rc == OK && strcmp(db_cell(rows, 0, 22), "1") != 0) {
        *hidden = true;
        rc = err_set(e, ERR_NOT_FOUND, "no such implementation record");
    }
    if (rc == OK) im_fill(rows, 0, out);
    db_rows_free(rows);
    return rc;
}

err_code implementation_list(db_conn *c, long viewer, const implementation_filter *f, implementation_page *out,
                             err *e)
{
    memset(out, 0, sizeof *out);
    char who[24], today[11], at[24], ut[24], rt[24], after[24], lim[24];
    snprintf(who, sizeof who, "%ld", viewer);
    snprintf(at, sizeof at, "%ld", f->asset_id);
    snprintf(ut, sizeof ut, "%ld", f->org_unit_id);
    snprintf(rt, sizeof rt, "%ld", f->requirement_id);
    snprintf(after, sizeof after, "%ld", f->after);
    long limit = f->limit > 0 ? f->limit : 50;
    snprintf(lim, sizeof lim, "%ld", limit + 1);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           AUTHZ_ASSET_CTE IM_COLUMNS IM_FROM " WHERE " IM_VISIBLE
                           " AND (CAST($3 AS BIGINT) = 0 OR im.asset_id = CAST($3 AS BIGINT))"
                           " AND (CAST($4 AS BIGINT) = 0 OR u.id = CAST($4 AS BIGINT))"
                           " AND (CAST($5 AS BIGINT) = 0 OR im.requirement_id = CAST($5 AS BIGINT))"
                           " AND (CAST($6 AS TEXT) IS NULL OR im.status = CAST($6 AS TEXT))"
                           " AND im.id > CAST($7 AS BIGINT) ORDER BY im.id LIMIT CAST($8 AS INTEGER)",
                           DB_PARAMS(who, today, at, ut, rt, f->status, after, lim), &rows, e);
    if (rc != OK) return rc;
    size_t n = rows->n_rows > (size_t)limit ? (size_t)limit : rows->n_rows;
    out->items = xcalloc(n + 1, sizeof *out->items);
    for (size_t i = 0; i < n; i++) im_fill(rows, i, &out->items[i]);
    out->n = n;
    if (rows->n_rows > (size_t)limit) out->next_after = out->items[n - 1].id;
    db_rows_free(rows);
    return OK;
}

err_code implementation_history(db_conn *c, long id, implementation_version_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT v.version, v.changed_at, pb.name, v.status, v.reason, v.due_on, v.note, p.name,"
                           " v.change, v.file_id, f.name FROM implementation_version v"
                           " LEFT JOIN person pb ON pb.id = v.changed_by LEFT JOIN person p ON p.id = v.owner_id"
                           " LEFT JOIN stored_file f ON f.id = v.file_id WHERE v.implementation_id = CAST($1 AS BIGINT)"
                           " ORDER BY v.version DESC",
                           DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    implementation_version_row *v = xcalloc(rows->n_rows + 1, sizeof *v);
    for (size_t i = 0; i < rows->n_rows; i++) {
        v[i].version = im_long(rows, i, 0);
        v[i].changed_at = xstrdup_opt(db_cell(rows, i, 1));
        v[i].changed_by_name = xstrdup_opt(db_cell(rows, i, 2));
        v[i].status = xstrdup_opt(db_cell(rows, i, 3));
        v[i].reason = xstrdup_opt(db_cell(rows, i, 4));
        v[i].due_on = xstrdup_opt(db_cell(rows, i, 5));
        v[i].note = xstrdup_opt(db_cell(rows, i, 6));
        v[i].owner_name = xstrdup_opt(db_cell(rows, i, 7));
        v[i].change = xstrdup_opt(db_cell(rows, i, 8));
        v[i].file_id = im_long(rows, i, 9);
        v[i].file_name = xstrdup_opt(db_cell(rows, i, 10));
    }
    *n = rows->n_rows;
    *out = v;
    db_rows_free(rows);
    return OK;
}

err_code implementation_evidence(db_conn *c, long id, implementation_evidence_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT f.id, f.size, f.name, f.media_type, ev.added_at, p.name FROM implementation_evidence ev"
                           " JOIN stored_file f ON f.id = ev.file_id LEFT JOIN person p ON p.id = ev.added_by"
                           " WHERE ev.implementation_id = CAST($1 AS BIGINT)"
                           " ORDER BY ev.added_at, f.id",
                           DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    implementation_evidence_row *v = xcalloc(rows->n_rows + 1, sizeof *v);
    for (size_t i = 0; i < rows->n_rows; i++) {
        v[i].file_id = im_long(rows, i, 0);
        v[i].size = im_long(rows, i, 1);
        v[i].name = xstrdup_opt(db_cell(rows, i, 2));
        v[i].content_type = xstrdup_opt(db_cell(rows, i, 3));
        v[i].added_at = xstrdup_opt(db_cell(rows, i, 4));
        v[i].added_by_name = xstrdup_opt(db_cell(rows, i, 5));
    }
    *n = rows->n_rows;
    *out = v;
    db_rows_free(rows);
    return OK;
}

err_code implementation_evidence_add(db_conn *c, const audit_actor *editor, long id, long version, long file_id,
                                     err *e)
{
    char idt[24], vt[24], ft[24], by[24], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(ft, sizeof ft, "%ld", file_id);
    snprintf(by, sizeof by, "%ld", editor->id);
    time_now_canon(now);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "UPDATE implementation SET version = version + 1, updated_at = $1, updated_by = CAST($2 AS BIGINT)"
                           " WHERE id = CAST($3 AS BIGINT) AND version = CAST($4 AS BIGINT) RETURNING version",
                           DB_PARAMS(now, editor->id > 0 ? by : NULL, idt, vt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "the record was changed meanwhile");
    db_rows_free(rows);
    if (rc == OK)
        rc = db_query(c,
                      "INSERT INTO implementation_evidence (implementation_id, file_id, added_at, added_by)"
                      " VALUES (CAST($1 AS BIGINT), CAST($2 AS BIGINT), $3, CAST($4 AS BIGINT))",
                      DB_PARAMS(idt, ft, now, editor->id > 0 ? by : NULL), NULL, e);
    if (rc == OK) rc = im_record(c, id, editor->id, "evidence", file_id, e);
    if (rc == OK) {
        json_t *detail = json_pack("{s:I, s:I}", "file_id", (json_int_t)file_id, "version", (json_int_t)(version + 1));
        rc = audit_append(c, editor, "implementation.evidence_add", "implementation", idt, detail, e);
        json_decref(detail);
    }
    return rc;
}

err_code implementation_of_asset(db_conn *c, long asset_id, implementation_brief **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", asset_id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT requirement_id, id, version, status FROM implementation"
                           " WHERE asset_id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    implementation_brief *v = xcalloc(rows->n_rows + 1, sizeof *v);
    for (size_t i = 0; i < rows->n_rows; i++) {
        v[i].requirement_id = atol(db_cell(rows, i, 0));
        v[i].id = atol(db_cell(rows, i, 1));
        v[i].version = atol(db_cell(rows, i, 2));
        snprintf(v[i].status, sizeof v[i].status, "%s", db_cell(rows, i, 3));
    }
    *n = rows->n_rows;
    *out = v;
    db_rows_free(rows);
    return OK;
}

void implementation_row_clear(implementation_row *r)
{
    free(r->requirement_code);
    free(r->requirement_title_ja);
    free(r->requirement_title_en);
    free(r->measure_kind);
    free(r->scope);
    free(r->asset_name);
    free(r->unit_name_ja);
    free(r->unit_name_en);
    free(r->status);
    free(r->reason);
    free(r->due_on);
    free(r->note);
    free(r->owner_name);
    free(r->updated_at);
    free(r->updated_by_name);
    memset(r, 0, sizeof *r);
}

void implementation_page_free(implementation_page *p)
{
    for (size_t i = 0; i < p->n; i++) implementation_row_clear(&p->items[i]);
    free(p->items);
    memset(p, 0, sizeof *p);
}

void implementation_history_free(implementation_version_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].changed_at);
        free(v[i].changed_by_name);
        free(v[i].status);
        free(v[i].reason);
        free(v[i].due_on);
        free(v[i].note);
        free(v[i].owner_name);
        free(v[i].change);
        free(v[i].file_name);
    }
    free(v);
}

void implementation_evidence_free(implementation_evidence_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].name);
        free(v[i].content_type);
        free(v[i].added_at);
        free(v[i].added_by_name);
    }
    free(v);
}

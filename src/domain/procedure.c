/* procedure — procedures (実施手順, 第7条; see procedure.h): the list, the audited read of
 * a body, the saved versions, and the writes (create, update with a new version, the
 * links to requirements), each checked, audited and indexed in the caller's transaction. */
#include "domain/procedure.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/catalog_common.h"
#include "search/search_index.h"

static const char *const procedure_statuses[] = {"draft", "in_force", "withdrawn"};

bool procedure_status_ok(const char *s)
{
    for (size_t i = 0; s && i < 3; i++)
        if (!strcmp(s, procedure_statuses[i])) return true;
    return false;
}

#define PR_COLUMNS                                                                                                \
    "SELECT pr.id, pr.code, pr.title_ja, pr.title_en, pr.owner_unit_id, u.name_ja, u.name_en, pr.disclosure,"   \
    " pr.status, pr.version, pr.updated_at,"                                                                     \
    " (SELECT COUNT(*) FROM procedure_requirement x WHERE x.procedure_id = pr.id)"                               \
    " FROM procedure pr JOIN org_unit u ON u.id = pr.owner_unit_id"

static void pr_fill(const db_rows *rows, size_t i, procedure_row *p)
{
    p->id = atol(db_cell(rows, i, 0));
    p->code = xstrdup(db_cell(rows, i, 1));
    p->title_ja = xstrdup(db_cell(rows, i, 2));
    p->title_en = xstrdup_opt(db_cell(rows, i, 3));
    p->owner_unit_id = atol(db_cell(rows, i, 4));
    p->owner_unit_name_ja = xstrdup(db_cell(rows, i, 5));
    p->owner_unit_name_en = xstrdup_opt(db_cell(rows, i, 6));
    p->disclosure = xstrdup(db_cell(rows, i, 7));
    p->status = xstrdup(db_cell(rows, i, 8));
    p->version = atol(db_cell(rows, i, 9));
    p->updated_at = xstrdup(db_cell(rows, i, 10));
    p->n_requirements = atol(db_cell(rows, i, 11));
}

err_code procedure_list(db_conn *c, const procedure_filter *f, procedure_page *out, err *e)
{
    memset(out, 0, sizeof *out);
    long limit = f->limit > 0 ? f->limit : CATALOG_LIST_DEFAULT;
    char who[24], today[11], req[24], fetch[24];
    bool keeper = false;
    search_terms terms = {0};
    search_cond match = {0};
    db_rows *rows = NULL;
    char *sql = NULL;
    const char **params = NULL;
    err_code rc = OK;
    if (f->status && !procedure_status_ok(f->status)) err_field_add(e, "status", "must be draft, in_force or withdrawn");
    if (f->cursor && !catalog_code_ok(f->cursor)) err_field_add(e, "cursor", "is not a cursor this list gave");
    if (e && e->n_fields) return ERR_VALIDATION;
    snprintf(who, sizeof who, "%ld", f->viewer);
    snprintf(req, sizeof req, "%ld", f->requirement_id);
    snprintf(fetch, sizeof fetch, "%ld", limit + 1);
    time_today_local(today);
    if ((rc = authz_holds(c, f->viewer, "catalog.manage", &keeper, e)) != OK) goto cleanup;
    if ((rc = search_text_query(f->q ? f->q : "", "q", &terms, e)) != OK) goto cleanup;
    if ((rc = search_index_cond(c, "procedure", &terms, "pr.id", 9, &match, e)) != OK) goto cleanup;
    sql = xasprintf(AUTHZ_SCOPE_CTE PR_COLUMNS " WHERE" AUTHZ_PROCEDURE_VISIBLE
                    " AND (CAST($5 AS BIGINT) = 0 OR EXISTS (SELECT 1 FROM procedure_requirement x"
                    "  WHERE x.procedure_id = pr.id AND x.requirement_id = CAST($5 AS BIGINT)))"
                    " AND (CAST($6 AS TEXT) IS NULL OR pr.status = $6)"
                    " AND (CAST($7 AS TEXT) IS NULL OR pr.code > $7) AND %s"
                    " ORDER BY pr.code LIMIT CAST($8 AS BIGINT)",
                    match.sql);
    const char *own[] = {who, "procedure.manage", today, keeper ? "1" : "0", req, f->status, f->cursor, fetch};
    params = catalog_params(own, 8, match.params, match.n_params);
    if ((rc = db_query(c, sql, params, 8 + match.n_params, &rows, e)) != OK) goto cleanup;
    size_t shown = rows->n_rows > (size_t)limit ? (size_t)limit : rows->n_rows;
    out->items = xcalloc(shown + 1, sizeof *out->items);
    for (size_t i = 0; i < shown; i++) pr_fill(rows, i, &out->items[i]);
    out->n = shown;
    if (rows->n_rows > shown) out->next_cursor = xstrdup(out->items[shown - 1].code);
cleanup:
    db_rows_free(rows);
    free(sql);
    free(params);
    search_cond_free(&match);
    search_terms_free(&terms);
    if (rc != OK) procedure_page_free(out);
    return rc;
}

/* May the person see drafts and withdrawn versions of a procedure owned by unit? (The
 * owner unit's managers and the catalog's keepers: AUTHZ_PROCEDURE_VISIBLE's other arms.) */
static err_code pr_privileged(db_conn *c, long person, long unit, bool *out, err *e)
{
    err_code rc = authz_holds(c, person, "catalog.manage", out, e);
    if (rc == OK && !*out) rc = authz_unit_in_scope(c, person, "procedure.manage", unit, out, e);
    return rc;
}

static err_code pr_links(db_conn *c, const char *idt, procedure_row *out, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT r.id, r.code, r.title_ja, r.title_en FROM procedure_requirement x JOIN requirement r"
                           " ON r.id = x.requirement_id WHERE x.procedure_id = CAST($1 AS BIGINT) ORDER BY r.code",
                           DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    out->requirements = xcalloc(rows->n_rows + 1, sizeof *out->requirements);
    for (size_t i = 0; i < rows->n_rows; i++) {
        procedure_req_link *l = &out->requirements[i];
        l->id = atol(db_cell(rows, i, 0));
        l->code = xstrdup(db_cell(rows, i, 1));
        l->title_ja = xstrdup(db_cell(rows, i, 2));
        l->title_en = xstrdup_opt(db_cell(rows, i, 3));
    }
    out->n_reqs = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

err_code procedure_read(db_conn *c, const audit_actor *reader, long id, long version, procedure_row *out, err *e)
{
    memset(out, 0, sizeof *out);
    char idt[24], vt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    authz_sight sight = AUTHZ_NO_SUCH;
    bool privileged = false;
    db_rows *rows = NULL;
    json_t *detail = NULL;
    err_code rc = authz_can_see(c, reader->id, AUTHZ_PROCEDURE, id, &sight, e);
    if (rc != OK) return rc;
    if (sight != AUTHZ_VISIBLE) return err_set(e, ERR_NOT_FOUND, "no such procedure");
    if ((rc = db_query(c, PR_COLUMNS " WHERE pr.id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows, e)) != OK) goto cleanup;
    if (rows->n_rows != 1) {
        rc = err_set(e, ERR_NOT_FOUND, "no such procedure");
        goto cleanup;
    }
    pr_fill(rows, 0, out);
    db_rows_free(rows);
    rows = NULL;
    out->read_version = version > 0 ? version : out->version;
    snprintf(vt, sizeof vt, "%ld", out->read_version);
    /* The body, title and status of the version read, from its saved copy (the latest
     * saved copy is the current row's). */
    rc = db_query(c,
                  "SELECT body, title_ja, title_en, status FROM procedure_version WHERE procedure_id = CAST($1 AS BIGINT)"
                  " AND version = CAST($2 AS BIGINT)",
                  DB_PARAMS(idt, vt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such version");
    if (rc != OK) goto cleanup;
    /* A reader who sees the procedure only because it is in force reads only versions
     * that were in force: a draft is the owner unit's managers' own (第11条). */
    if ((rc = pr_privileged(c, reader->id, out->owner_unit_id, &privileged, e)) != OK) goto cleanup;
    out->privileged = privileged;
    if (strcmp(db_cell(rows, 0, 3), "in_force") && !privileged) {
        rc = err_set(e, ERR_NOT_FOUND, "no such version");
        goto cleanup;
    }
    out->body = xstrdup(db_cell(rows, 0, 0));
    free(out->title_ja);
    free(out->title_en);
    out->title_ja = xstrdup(db_cell(rows, 0, 1));
    out->title_en = xstrdup_opt(db_cell(rows, 0, 2));
    if (version > 0 && version != out->version) {
        free(out->status);
        out->status = xstrdup(db_cell(rows, 0, 3));
    }
    if ((rc = pr_links(c, idt, out, e)) != OK) goto cleanup;
    /* 第11条: the read is on record, or it does not happen. */
    detail = json_pack("{s:s, s:I, s:I}", "code", out->code, "version", (json_int_t)out->read_version,
                       "current_version", (json_int_t)out->version);
    rc = audit_append(c, reader, "procedure.read", "procedure", idt, detail, e);
cleanup:
    json_decref(detail);
    db_rows_free(rows);
    if (rc != OK) procedure_row_clear(out);
    return rc;
}

err_code procedure_versions(db_conn *c, long id, procedure_version_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT v.version, v.change, v.changed_at, v.changed_by, p.name, v.status, v.title_ja"
                           " FROM procedure_version v LEFT JOIN person p ON p.id = v.changed_by"
                           " WHERE v.procedure_id = CAST($1 AS BIGINT) ORDER BY v.version DESC",
                           DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    for (size_t i = 0; i < rows->n_rows; i++) {
        procedure_version_row *v = &(*out)[i];
        v->version = atol(db_cell(rows, i, 0));
        v->change = xstrdup(db_cell(rows, i, 1));
        v->changed_at = xstrdup(db_cell(rows, i, 2));
        v->changed_by = db_cell(rows, i, 3) ? atol(db_cell(rows, i, 3)) : 0;
        v->changed_by_name = xstrdup_opt(db_cell(rows, i, 4));
        v->status = xstrdup(db_cell(rows, i, 5));
        v->title_ja = xstrdup(db_cell(rows, i, 6));
    }
    *n = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

/* ---- writes ---- */

static void pr_check(const procedure_fields *f, bool creating, err *e)
{
    if (creating && !f->code) err_field_add(e, "code", "is required");
    if (f->code && !catalog_code_ok(f->code)) err_field_add(e, "code", "must be 1 to 40 of A-Z, a-z, 0-9, '.', '_', '-'");
    if (creating && !f->title_ja) err_field_add(e, "title_ja", "is required");
    catalog_check_text(f->title_ja, "title_ja", true, 200, e);
    catalog_check_text(f->title_en, "title_en", false, 200, e);
    if (f->body && catalog_chars(f->body) > PROCEDURE_BODY_MAX)
        err_field_add(e, "body", "must be at most %d characters", PROCEDURE_BODY_MAX);
    if (creating && f->owner_unit_id <= 0) err_field_add(e, "owner_unit_id", "is required");
    if (f->status && !procedure_status_ok(f->status)) err_field_add(e, "status", "must be draft, in_force or withdrawn");
    /* The document module adds the other disclosure classes (DESIGN §4 note on 第11条). */
    if (f->disclosure && strcmp(f->disclosure, "internal")) err_field_add(e, "disclosure", "must be internal");
    if (f->n_requirements > PROCEDURE_MAX_LINKS)
        err_field_add(e, "requirement_ids", "must be at most %d", PROCEDURE_MAX_LINKS);
    for (size_t i = 0; i < f->n_requirements && i < PROCEDURE_MAX_LINKS; i++)
        for (size_t k = 0; k < i; k++)
            if (f->requirement_ids[i] == f->requirement_ids[k]) {
                char field[40];
                snprintf(field, sizeof field, "requirement_ids[%zu]", i);
                err_field_add(e, field, "is given twice");
                break;
            }
}

/* What the fields refer to: the code free, the owner unit existing and within the
 * actor's procedure.manage scope, the requirements existing. */
static err_code pr_check_refs(db_conn *c, const audit_actor *actor, long self, const procedure_fields *f, err *e)
{
    char st[24], buf[24];
    snprintf(st, sizeof st, "%ld", self);
    db_rows *rows = NULL;
    err_code rc = OK;
    if (f->code) {
        rc = db_query(c, "SELECT 1 FROM procedure WHERE code = $1 AND id <> CAST($2 AS BIGINT)", DB_PARAMS(f->code, st),
                      &rows, e);
        if (rc == OK && rows->n_rows) err_field_add(e, "code", "is taken by another procedure");
        db_rows_free(rows);
        rows = NULL;
    }
    if (rc == OK && f->owner_unit_id > 0) {
        snprintf(buf, sizeof buf, "%ld", f->owner_unit_id);
        rc = db_query(c, "SELECT 1 FROM org_unit WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(buf), &rows, e);
        bool exists = rc == OK && rows->n_rows > 0, mine = false;
        db_rows_free(rows);
        rows = NULL;
        if (rc == OK && !exists) err_field_add(e, "owner_unit_id", "is not a unit");
        if (rc == OK && exists &&
            (rc = authz_unit_in_scope(c, actor->id, "procedure.manage", f->owner_unit_id, &mine, e)) == OK && !mine)
            err_field_add(e, "owner_unit_id", "is not a unit whose procedures you keep");
    }
    for (size_t i = 0; rc == OK && i < f->n_requirements; i++) {
        snprintf(buf, sizeof buf, "%ld", f->requirement_ids[i]);
        rc = db_query(c, "SELECT 1 FROM requirement WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(buf), &rows, e);
        if (rc == OK && rows->n_rows == 0) {
            char field[40];
            snprintf(field, sizeof field, "requirement_ids[%zu]", i);
            err_field_add(e, field, "is not a requirement");
        }
        db_rows_free(rows);
        rows = NULL;
    }
    if (rc == OK && e && e->n_fields) rc = ERR_VALIDATION;
    return rc;
}

static err_code pr_put_links(db_conn *c, const char *idt, const procedure_fields *f, err *e)
{
    if (!f->set_requirements) return OK;
    err_code rc = db_query(c, "DELETE FROM procedure_requirement WHERE procedure_id = CAST($1 AS BIGINT)", DB_PARAMS(idt),
                           NULL, e);
    for (size_t i = 0; rc == OK && i < f->n_requirements; i++) {
        char r[24];
        snprintf(r, sizeof r, "%ld", f->requirement_ids[i]);
        rc = db_query(c,
                      "INSERT INTO procedure_requirement (procedure_id, requirement_id) VALUES (CAST($1 AS BIGINT),"
                      " CAST($2 AS BIGINT))",
                      DB_PARAMS(idt, r), NULL, e);
    }
    return rc;
}

/* Saves the procedure as it now is as its version row, and indexes it for search. */
static err_code pr_record(db_conn *c, const audit_actor *actor, const char *idt, const char *change, err *e)
{
    db_rows *rows = NULL, *links = NULL;
    char by[24], now[TIME_CANON_LEN];
    snprintf(by, sizeof by, "%ld", actor->id);
    time_now_canon(now);
    err_code rc = db_query(c,
                           "SELECT version, code, title_ja, title_en, owner_unit_id, body, disclosure, status FROM procedure"
                           " WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_INTERNAL, "the procedure vanished while being saved");
    if (rc == OK)
        rc = db_query(c,
                      "SELECT requirement_id FROM procedure_requirement WHERE procedure_id = CAST($1 AS BIGINT)"
                      " ORDER BY requirement_id",
                      DB_PARAMS(idt), &links, e);
    if (rc != OK) goto cleanup;
    json_t *ids = json_array();
    for (size_t i = 0; i < links->n_rows; i++) json_array_append_new(ids, json_integer(atol(db_cell(links, i, 0))));
    char *ids_text = json_dumps(ids, JSON_COMPACT);
    json_decref(ids);
    rc = db_query(c,
                  "INSERT INTO procedure_version (procedure_id, version, change, changed_at, changed_by, code, title_ja,"
                  " title_en, owner_unit_id, body, disclosure, status, requirement_ids) VALUES (CAST($1 AS BIGINT),"
                  " CAST($2 AS BIGINT), $3, $4, CASE WHEN $5 = '0' THEN NULL ELSE CAST($5 AS BIGINT) END, $6, $7, $8,"
                  " CAST($9 AS BIGINT), $10, $11, $12, $13)",
                  DB_PARAMS(idt, db_cell(rows, 0, 0), change, now, by, db_cell(rows, 0, 1), db_cell(rows, 0, 2),
                            db_cell(rows, 0, 3), db_cell(rows, 0, 4), db_cell(rows, 0, 5), db_cell(rows, 0, 6),
                            db_cell(rows, 0, 7), ids_text),
                  NULL, e);
    free(ids_text);
    if (rc == OK) {
        const char *fields[] = {db_cell(rows, 0, 1), db_cell(rows, 0, 2), db_cell(rows, 0, 3), db_cell(rows, 0, 5)};
        rc = search_index_put(c, "procedure", atol(idt), fields, 4, e);
    }
cleanup:
    db_rows_free(rows);
    db_rows_free(links);
    return rc;
}

/* What an event records of a change: the fields set, the body by its length only (the
 * trail is read more widely than procedures are). */
static json_t *pr_detail(const procedure_fields *f)
{
    json_t *d = json_object();
    const char *names[] = {"code", "title_ja", "title_en", "status", "disclosure"};
    const char *values[] = {f->code, f->title_ja, f->title_en, f->status, f->disclosure};
    for (size_t i = 0; i < 5; i++)
        if (values[i]) json_object_set_new(d, names[i], json_string(values[i]));
    if (f->owner_unit_id > 0) json_object_set_new(d, "owner_unit_id", json_integer(f->owner_unit_id));
    if (f->body) json_object_set_new(d, "body_chars", json_integer((json_int_t)catalog_chars(f->body)));
    if (f->set_requirements) {
        json_t *ids = json_array();
        for (size_t i = 0; i < f->n_requirements; i++) json_array_append_new(ids, json_integer(f->requirement_ids[i]));
        json_object_set_new(d, "requirement_ids", ids);
    }
    return d;
}

err_code procedure_create(db_conn *c, const audit_actor *actor, const procedure_fields *f, long *id, err *e)
{
    pr_check(f, true, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    err_code rc = pr_check_refs(c, actor, 0, f, e);
    if (rc != OK) return rc;
    char now[TIME_CANON_LEN], by[24], unit[24];
    time_now_canon(now);
    snprintf(by, sizeof by, "%ld", actor->id);
    snprintf(unit, sizeof unit, "%ld", f->owner_unit_id);
    db_rows *rows = NULL;
    rc = db_query(c,
                  "INSERT INTO procedure (code, title_ja, title_en, owner_unit_id, body, disclosure, status, created_at,"
                  " created_by, updated_at, updated_by) VALUES ($1, $2, $3, CAST($4 AS BIGINT), $5, $6, $7, $8,"
                  " CASE WHEN $9 = '0' THEN NULL ELSE CAST($9 AS BIGINT) END, $8,"
                  " CASE WHEN $9 = '0' THEN NULL ELSE CAST($9 AS BIGINT) END) RETURNING id",
                  DB_PARAMS(f->code, f->title_ja, f->title_en && *f->title_en ? f->title_en : NULL, unit,
                            f->body ? f->body : "", f->disclosure ? f->disclosure : "internal",
                            f->status ? f->status : "draft", now, by),
                  &rows, e);
    if (rc == OK) {
        *id = atol(db_cell(rows, 0, 0));
        rc = pr_put_links(c, db_cell(rows, 0, 0), f, e);
    }
    if (rc == OK) {
        json_t *detail = pr_detail(f);
        rc = audit_append(c, actor, "procedure.create", "procedure", db_cell(rows, 0, 0), detail, e);
        json_decref(detail);
    }
    if (rc == OK) rc = pr_record(c, actor, db_cell(rows, 0, 0), "create", e);
    db_rows_free(rows);
    return rc;
}

err_code procedure_update(db_conn *c, const audit_actor *actor, long id, long version, const procedure_fields *f,
                          err *e)
{
    char idt[24], vt[24], unit[24], by[24], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(unit, sizeof unit, "%ld", f->owner_unit_id);
    snprintf(by, sizeof by, "%ld", actor->id);
    time_now_canon(now);
    authz_sight sight = AUTHZ_NO_SUCH;
    bool mine = false;
    db_rows *rows = NULL;
    /* Who may know it exists first (404), then who may change it (403), then the fields. */
    err_code rc = authz_can_see(c, actor->id, AUTHZ_PROCEDURE, id, &sight, e);
    if (rc != OK) return rc;
    if (sight != AUTHZ_VISIBLE) return err_set(e, ERR_NOT_FOUND, "no such procedure");
    rc = db_query(c, "SELECT version, owner_unit_id FROM procedure WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows,
                  e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such procedure");
    if (rc == OK && (rc = authz_unit_in_scope(c, actor->id, "procedure.manage", atol(db_cell(rows, 0, 1)), &mine, e)) ==
                        OK &&
        !mine)
        rc = err_set(e, ERR_FORBIDDEN, "the procedure belongs to a unit whose procedures you do not keep");
    if (rc == OK && atol(db_cell(rows, 0, 0)) != version)
        rc = err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile (version %s, not %ld)", db_cell(rows, 0, 0),
                     version);
    db_rows_free(rows);
    rows = NULL;
    if (rc != OK) return rc;
    pr_check(f, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    if ((rc = pr_check_refs(c, actor, id, f, e)) != OK) return rc;
    rc = db_query(c,
                  "UPDATE procedure SET code = COALESCE($1, code), title_ja = COALESCE($2, title_ja),"
                  " title_en = CASE WHEN CAST($3 AS TEXT) IS NULL THEN title_en WHEN CAST($3 AS TEXT) = '' THEN NULL"
                  " ELSE CAST($3 AS TEXT) END,"
                  " owner_unit_id = CASE WHEN CAST($4 AS BIGINT) = 0 THEN owner_unit_id ELSE CAST($4 AS BIGINT) END,"
                  " body = COALESCE($5, body), disclosure = COALESCE($6, disclosure), status = COALESCE($7, status),"
                  " updated_at = $8, updated_by = CASE WHEN $9 = '0' THEN NULL ELSE CAST($9 AS BIGINT) END,"
                  " version = version + 1 WHERE id = CAST($10 AS BIGINT) AND version = CAST($11 AS BIGINT) RETURNING id",
                  DB_PARAMS(f->code, f->title_ja, f->title_en, unit, f->body, f->disclosure, f->status, now, by, idt, vt),
                  &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile");
    db_rows_free(rows);
    if (rc == OK) rc = pr_put_links(c, idt, f, e);
    if (rc == OK) {
        json_t *detail = pr_detail(f);
        rc = audit_append(c, actor, "procedure.update", "procedure", idt, detail, e);
        json_decref(detail);
    }
    if (rc == OK) rc = pr_record(c, actor, idt, "update", e);
    return rc;
}

void procedure_row_clear(procedure_row *p)
{
    free(p->code);
    free(p->title_ja);
    free(p->title_en);
    free(p->owner_unit_name_ja);
    free(p->owner_unit_name_en);
    free(p->disclosure);
    free(p->status);
    free(p->updated_at);
    free(p->body);
    for (size_t i = 0; i < p->n_reqs; i++) {
        free(p->requirements[i].code);
        free(p->requirements[i].title_ja);
        free(p->requirements[i].title_en);
    }
    free(p->requirements);
    memset(p, 0, sizeof *p);
}

void procedure_page_free(procedure_page *p)
{
    for (size_t i = 0; i < p->n; i++) procedure_row_clear(&p->items[i]);
    free(p->items);
    free(p->next_cursor);
    memset(p, 0, sizeof *p);
}

void procedure_versions_free(procedure_version_row *v, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(v[i].change);
        free(v[i].changed_at);
        free(v[i].changed_by_name);
        free(v[i].status);
        free(v[i].title_ja);
    }
    free(v);
}

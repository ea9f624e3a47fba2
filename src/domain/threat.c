/* threat — the threat catalog (see threat.h). */
#include "domain/threat.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/catalog_common.h"
#include "search/search_index.h"

#define THREAT_COLUMNS                                                                                            \
    "SELECT t.id, t.code, t.kind, t.name_ja, t.name_en, t.description, t.active, t.version,"                    \
    " (SELECT COUNT(*) FROM requirement_threat rt JOIN requirement r ON r.id = rt.requirement_id"               \
    "  WHERE rt.threat_id = t.id AND r.active = 1) FROM threat t"

bool threat_kind_ok(const char *kind)
{
    return kind && (!strcmp(kind, "natural") || !strcmp(kind, "system") || !strcmp(kind, "human"));
}

static void threat_fill(const db_rows *rows, size_t i, threat_row *t)
{
    t->id = atol(db_cell(rows, i, 0));
    t->code = xstrdup(db_cell(rows, i, 1));
    t->kind = xstrdup(db_cell(rows, i, 2));
    t->name_ja = xstrdup(db_cell(rows, i, 3));
    t->name_en = db_cell(rows, i, 4) ? xstrdup(db_cell(rows, i, 4)) : NULL;
    t->description = db_cell(rows, i, 5) ? xstrdup(db_cell(rows, i, 5)) : NULL;
    t->active = atoi(db_cell(rows, i, 6));
    t->version = atol(db_cell(rows, i, 7));
    t->n_requirements = atol(db_cell(rows, i, 8));
}

static void threat_check(const threat_fields *f, bool creating, err *e)
{
    if (creating && !f->code) err_field_add(e, "code", "is required");
    if (f->code && !catalog_code_ok(f->code)) err_field_add(e, "code", "must be 1 to 40 of A-Z, a-z, 0-9, '.', '_', '-'");
    if (creating && !f->kind) err_field_add(e, "kind", "is required");
    if (f->kind && !threat_kind_ok(f->kind)) err_field_add(e, "kind", "must be natural, system or human");
    if (creating && !f->name_ja) err_field_add(e, "name_ja", "is required");
    catalog_check_text(f->name_ja, "name_ja", true, 200, e);
    catalog_check_text(f->name_en, "name_en", false, 200, e);
    catalog_check_text(f->description, "description", false, 4000, e);
}

static err_code threat_index(db_conn *c, long id, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT code, name_ja, name_en, description FROM threat WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        const char *fields[] = {db_cell(rows, 0, 0), db_cell(rows, 0, 1), db_cell(rows, 0, 2), db_cell(rows, 0, 3)};
        rc = search_index_put(c, "threat", id, fields, 4, e);
    }
    db_rows_free(rows);
    return rc;
}

err_code threat_list(db_conn *c, const threat_filter *f, threat_page *out, err *e)
{
    memset(out, 0, sizeof *out);
    long limit = f->limit > 0 ? f->limit : CATALOG_LIST_DEFAULT;
    char active[8], fetch[24];
    search_terms terms = {0};
    search_cond match = {0};
    db_rows *rows = NULL;
    char *sql = NULL;
    const char **params = NULL;
    err_code rc = OK;
    if (f->kind && !threat_kind_ok(f->kind)) err_field_add(e, "kind", "must be natural, system or human");
    if (f->cursor && !catalog_code_ok(f->cursor)) err_field_add(e, "cursor", "is not a cursor this list gave");
    if (e && e->n_fields) return ERR_VALIDATION;
    if ((rc = search_text_query(f->q ? f->q : "", "q", &terms, e)) != OK) goto cleanup;
    if ((rc = search_index_cond(c, "threat", &terms, "t.id", 5, &match, e)) != OK) goto cleanup;
    snprintf(active, sizeof active, "%d", f->active);
    snprintf(fetch, sizeof fetch, "%ld", limit + 1);
    sql = xasprintf(THREAT_COLUMNS " WHERE (CAST($1 AS TEXT) IS NULL OR t.kind = $1)"
                                   " AND (CAST($2 AS INTEGER) < 0 OR t.active = CAST($2 AS INTEGER))"
                                   " AND (CAST($3 AS TEXT) IS NULL OR t.code > $3) AND %s"
                                   " ORDER BY t.code LIMIT CAST($4 AS BIGINT)",
                    match.sql);
    const char *own[] = {f->kind, active, f->cursor, fetch};
    params = catalog_params(own, 4, match.params, match.n_params);
    if ((rc = db_query(c, sql, params, 4 + match.n_params, &rows, e)) != OK) goto cleanup;
    size_t shown = rows->n_rows > (size_t)limit ? (size_t)limit : rows->n_rows;
    out->items = xcalloc(shown + 1, sizeof *out->items);
    for (size_t i = 0; i < shown; i++) threat_fill(rows, i, &out->items[i]);
    out->n = shown;
    if (rows->n_rows > shown) out->next_cursor = xstrdup(out->items[shown - 1].code);
cleanup:
    db_rows_free(rows);
    free(sql);
    free(params);
    search_cond_free(&match);
    search_terms_free(&terms);
    return rc;
}

err_code threat_get(db_conn *c, long id, threat_row *out, err *e)
{
    memset(out, 0, sizeof *out);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, THREAT_COLUMNS " WHERE t.id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such threat");
    if (rc == OK) threat_fill(rows, 0, out);
    db_rows_free(rows);
    return rc;
}

static json_t *threat_detail(const threat_fields *f)
{
    json_t *d = json_object();
    const char *names[] = {"code", "kind", "name_ja", "name_en", "description"};
    const char *values[] = {f->code, f->kind, f->name_ja, f->name_en, f->description};
    for (size_t i = 0; i < 5; i++)
        if (values[i]) json_object_set_new(d, names[i], json_string(values[i]));
    if (f->active >= 0) json_object_set_new(d, "active", json_boolean(f->active));
    return d;
}

err_code threat_create(db_conn *c, const audit_actor *actor, const threat_fields *f, long *id, err *e)
{
    threat_check(f, true, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    err_code rc = catalog_code_free(c, "threat", f->code, 0, e);
    if (rc != OK) return rc;
    char now[TIME_CANON_LEN], active[4];
    time_now_canon(now);
    snprintf(active, sizeof active, "%d", f->active == 0 ? 0 : 1);
    db_rows *rows = NULL;
    rc = db_query(c,
                  "INSERT INTO threat (code, kind, name_ja, name_en, description, active, created_at, updated_at)"
                  " VALUES ($1, $2, $3, $4, $5, CAST($6 AS INTEGER), $7, $7) RETURNING id",
                  DB_PARAMS(f->code, f->kind, f->name_ja, db_opt_text(f->name_en), db_opt_text(f->description), active, now),
                  &rows, e);
    if (rc == OK) {
        *id = atol(db_cell(rows, 0, 0));
        json_t *detail = threat_detail(f);
        rc = audit_append(c, actor, "threat.create", "threat", db_cell(rows, 0, 0), detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    if (rc == OK) rc = threat_index(c, *id, e);
    return rc;
}

err_code threat_update(db_conn *c, const audit_actor *actor, long id, long version, const threat_fields *f, err *e)
{
    threat_check(f, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    threat_row current;
    err_code rc = threat_get(c, id, &current, e);
    if (rc != OK) return rc;
    long have = current.version;
    threat_row_clear(&current);
    if (have != version)
        return err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile (version %ld, not %ld)", have, version);
    if ((rc = catalog_code_free(c, "threat", f->code, id, e)) != OK) return rc;
    char idt[24], vt[24], active[4], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(active, sizeof active, "%d", f->active);
    time_now_canon(now);
    /* $4/$5: NULL unchanged, "" cleared. */
    db_rows *rows = NULL;
    rc = db_query(c,
                  "UPDATE threat SET code = COALESCE($1, code), kind = COALESCE($2, kind), name_ja = COALESCE($3, name_ja),"
                  " name_en = CASE WHEN CAST($4 AS TEXT) IS NULL THEN name_en WHEN CAST($4 AS TEXT) = '' THEN NULL ELSE CAST($4 AS TEXT) END,"
                  " description = CASE WHEN CAST($5 AS TEXT) IS NULL THEN description WHEN CAST($5 AS TEXT) = '' THEN NULL ELSE CAST($5 AS TEXT) END,"
                  " active = CASE WHEN CAST($6 AS INTEGER) < 0 THEN active ELSE CAST($6 AS INTEGER) END,"
                  " updated_at = $7, version = version + 1"
                  " WHERE id = CAST($8 AS BIGINT) AND version = CAST($9 AS BIGINT) RETURNING version",
                  DB_PARAMS(f->code, f->kind, f->name_ja, f->name_en, f->description, active, now, idt, vt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile");
    if (rc == OK) {
        json_t *detail = threat_detail(f);
        rc = audit_append(c, actor, "threat.update", "threat", idt, detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    if (rc == OK) rc = threat_index(c, id, e);
    return rc;
}

void threat_row_clear(threat_row *t)
{
    free(t->code);
    free(t->kind);
    free(t->name_ja);
    free(t->name_en);
    free(t->description);
    memset(t, 0, sizeof *t);
}

void threat_page_free(threat_page *p)
{
    for (size_t i = 0; i < p->n; i++) threat_row_clear(&p->items[i]);
    free(p->items);
    free(p->next_cursor);
    memset(p, 0, sizeof *p);
}

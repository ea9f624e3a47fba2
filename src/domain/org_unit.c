/* org_unit — the unit tree now and as of a date, one unit's history, and typo
 * corrections (see org_unit.h). */
#include "domain/org_unit.h"
#include "domain/compliance.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"

static size_t ou_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

err_code org_unit_create(db_conn *c, const audit_actor *actor, const char *code, const char *name_ja,
                         const char *name_en, long parent_id, long *id_out, err *e)
{
    if (!code || !*code) err_field_add(e, "code", "a unit code is required");
    if (!name_ja || !*name_ja) err_field_add(e, "name_ja", "a Japanese name is required");
    if (e && e->n_fields) return ERR_VALIDATION;
    char now[TIME_CANON_LEN], parent[24];
    time_now_canon(now);
    snprintf(parent, sizeof parent, "%ld", parent_id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "INSERT INTO org_unit (code, name_ja, name_en, parent_id, created_at)"
                           " VALUES ($1, $2, $3, $4, $5) RETURNING id",
                           DB_PARAMS(code, name_ja, name_en, parent_id > 0 ? parent : NULL, now), &rows, e);
    if (rc != OK) goto cleanup;
    *id_out = atol(db_cell(rows, 0, 0));
    /* Its first period has no beginning: the unit existed before mamori knew it. */
    rc = db_query(c,
                  "INSERT INTO org_unit_version (org_unit_id, code, name_ja, name_en, parent_id, created_at)"
                  " VALUES (CAST($1 AS BIGINT), $2, $3, $4, CAST($5 AS BIGINT), $6)",
                  DB_PARAMS(db_cell(rows, 0, 0), code, name_ja, name_en, parent_id > 0 ? parent : NULL, now), NULL, e);
    if (rc != OK) goto cleanup;
    /* Its unit-level requirements now apply (and count as 未着手). */
    if ((rc = compliance_unit_added(c, *id_out, e)) != OK) goto cleanup;
    json_t *detail = json_pack("{s:s, s:s, s:s?, s:o}", "code", code, "name_ja", name_ja, "name_en", name_en,
                               "parent_id", parent_id > 0 ? json_integer(parent_id) : json_null());
    rc = audit_append(c, actor, "org_unit.create", "org_unit", db_cell(rows, 0, 0), detail, e);
    json_decref(detail);
cleanup:
    db_rows_free(rows);
    return rc;
}

/* The units to list, as (id, parent_id, code, name_ja, name_en, valid_from, valid_to,
 * version, closed), then walked from the root so parents come before children.
 * Now: $1 is '1' to include closed units; as of a date: $1 is the date, $2 the same flag. */
#define OU_TREE(units)                                                                                          \
    "WITH RECURSIVE v(id, parent_id, code, name_ja, name_en, valid_from, valid_to, version, closed) AS (" units  \
    "), tree(id, path) AS ("                                                                                    \
    " SELECT id, CAST(code AS TEXT) FROM v WHERE parent_id IS NULL OR parent_id NOT IN (SELECT id FROM v)"      \
    " UNION ALL SELECT v.id, tree.path || '/' || v.code FROM v JOIN tree ON v.parent_id = tree.id)"             \
    " SELECT v.id, v.parent_id, v.code, v.name_ja, v.name_en, v.valid_from, v.valid_to, v.version, v.closed"    \
    " FROM v JOIN tree ON tree.id = v.id ORDER BY tree.path"

/* Now: the present rows. */
static const char ou_list_now[] = OU_TREE(
    "SELECT u.id, u.parent_id, u.code, u.name_ja, u.name_en, u.valid_from, u.valid_to, u.version,"
    " CASE WHEN u.valid_to IS NULL THEN 0 ELSE 1 END FROM org_unit u"
    " WHERE u.valid_to IS NULL OR CAST($1 AS TEXT) = '1'");

/* As of a date: the period in force that day; with closed units, the last (non-empty)
 * period of each unit that had ended by then. */
static const char ou_list_as_of[] = OU_TREE(
    "SELECT u.id, x.parent_id, x.code, x.name_ja, x.name_en, u.valid_from, u.valid_to, u.version,"
    " CASE WHEN u.valid_to IS NOT NULL AND u.valid_to < CAST($1 AS TEXT) THEN 1 ELSE 0 END"
    " FROM org_unit_version x JOIN org_unit u ON u.id = x.org_unit_id"
    " WHERE (COALESCE(x.valid_from, '') <= CAST($1 AS TEXT) AND COALESCE(x.valid_to, '9999-12-31') >= CAST($1 AS TEXT))"
    " OR (CAST($2 AS TEXT) = '1' AND u.valid_to IS NOT NULL AND u.valid_to < CAST($1 AS TEXT)"
    "     AND x.valid_to = u.valid_to AND COALESCE(x.valid_from, '') <= x.valid_to)");

static void ou_fill(const db_rows *rows, size_t i, org_unit_row *u)
{
    u->id = atol(db_cell(rows, i, 0));
    u->parent_id = db_cell(rows, i, 1) ? atol(db_cell(rows, i, 1)) : 0;
    u->code = xstrdup(db_cell(rows, i, 2));
    u->name_ja = xstrdup(db_cell(rows, i, 3));
    u->name_en = xstrdup_opt(db_cell(rows, i, 4));
    u->valid_from = xstrdup_opt(db_cell(rows, i, 5));
    u->valid_to = xstrdup_opt(db_cell(rows, i, 6));
    u->version = atol(db_cell(rows, i, 7));
    u->closed = strcmp(db_cell(rows, i, 8), "1") == 0;
}

err_code org_unit_list(db_conn *c, const char *as_of, bool include_closed, org_unit_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    db_rows *rows = NULL;
    const char *closed = include_closed ? "1" : "0";
    err_code rc = as_of ? db_query(c, ou_list_as_of, DB_PARAMS(as_of, closed), &rows, e)
                        : db_query(c, ou_list_now, DB_PARAMS(closed), &rows, e);
    if (rc != OK) return rc;
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    for (size_t i = 0; i < rows->n_rows; i++) ou_fill(rows, i, &(*out)[i]);
    *n = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

static void ou_row_clear(org_unit_row *u)
{
    free(u->code);
    free(u->name_ja);
    free(u->name_en);
    free(u->valid_from);
    free(u->valid_to);
}

void org_unit_list_free(org_unit_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) ou_row_clear(&rows[i]);
    free(rows);
}

static err_code ou_links(db_conn *c, const char *id, bool successors, org_unit_link **out, size_t *n, err *e)
{
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           successors
                               ? "SELECT l.successor_id, l.reorganisation_id, u.code, u.name_ja, u.name_en, l.kind,"
                                 " l.effective_date FROM org_unit_lineage l JOIN org_unit u ON u.id = l.successor_id"
                                 " WHERE l.predecessor_id = CAST($1 AS BIGINT) ORDER BY l.effective_date, l.id"
                               : "SELECT l.predecessor_id, l.reorganisation_id, u.code, u.name_ja, u.name_en, l.kind,"
                                 " l.effective_date FROM org_unit_lineage l JOIN org_unit u ON u.id = l.predecessor_id"
                                 " WHERE l.successor_id = CAST($1 AS BIGINT) ORDER BY l.effective_date, l.id",
                           DB_PARAMS(id), &rows, e);
    if (rc != OK) return rc;
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    for (size_t i = 0; i < rows->n_rows; i++) {
        org_unit_link *l = &(*out)[i];
        l->unit_id = atol(db_cell(rows, i, 0));
        l->reorganisation_id = atol(db_cell(rows, i, 1));
        l->code = xstrdup(db_cell(rows, i, 2));
        l->name_ja = xstrdup(db_cell(rows, i, 3));
        l->name_en = xstrdup_opt(db_cell(rows, i, 4));
        l->kind = xstrdup(db_cell(rows, i, 5));
        l->effective_date = xstrdup(db_cell(rows, i, 6));
    }
    *n = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

err_code org_unit_get(db_conn *c, long id, org_unit_detail *out, err *e)
{
    memset(out, 0, sizeof *out);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT id, parent_id, code, name_ja, name_en, valid_from, valid_to, version,"
                           " CASE WHEN valid_to IS NULL THEN 0 ELSE 1 END FROM org_unit WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such unit");
    if (rc != OK) goto cleanup;
    ou_fill(rows, 0, &out->unit);
    db_rows_free(rows);
    rows = NULL;
    rc = db_query(c,
                  "SELECT code, name_ja, name_en, parent_id, reorganisation_id, valid_from, valid_to FROM org_unit_version"
                  " WHERE org_unit_id = CAST($1 AS BIGINT) ORDER BY COALESCE(valid_from, ''), id",
                  DB_PARAMS(idt), &rows, e);
    if (rc != OK) goto cleanup;
    out->history = xcalloc(rows->n_rows + 1, sizeof *out->history);
    for (size_t i = 0; i < rows->n_rows; i++) {
        org_unit_period *p = &out->history[i];
        p->code = xstrdup(db_cell(rows, i, 0));
        p->name_ja = xstrdup(db_cell(rows, i, 1));
        p->name_en = xstrdup_opt(db_cell(rows, i, 2));
        p->parent_id = db_cell(rows, i, 3) ? atol(db_cell(rows, i, 3)) : 0;
        p->reorganisation_id = db_cell(rows, i, 4) ? atol(db_cell(rows, i, 4)) : 0;
        p->valid_from = xstrdup_opt(db_cell(rows, i, 5));
        p->valid_to = xstrdup_opt(db_cell(rows, i, 6));
    }
    out->n_history = rows->n_rows;
    if ((rc = ou_links(c, idt, false, &out->predecessors, &out->n_predecessors, e)) != OK) goto cleanup;
    rc = ou_links(c, idt, true, &out->successors, &out->n_successors, e);
cleanup:
    db_rows_free(rows);
    if (rc != OK) org_unit_detail_free(out);
    return rc;
}

static void ou_links_free(org_unit_link *l, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(l[i].code);
        free(l[i].name_ja);
        free(l[i].name_en);
        free(l[i].kind);
        free(l[i].effective_date);
    }
    free(l);
}

void org_unit_detail_free(org_unit_detail *d)
{
    ou_row_clear(&d->unit);
    for (size_t i = 0; i < d->n_history; i++) {
        free(d->history[i].code);
        free(d->history[i].name_ja);
        free(d->history[i].name_en);
        free(d->history[i].valid_from);
        free(d->history[i].valid_to);
    }
    free(d->history);
    ou_links_free(d->predecessors, d->n_predecessors);
    ou_links_free(d->successors, d->n_successors);
    memset(d, 0, sizeof *d);
}

err_code org_unit_correct(db_conn *c, const audit_actor *actor, long id, long version, const char *name_ja,
                          const char *name_en, long *new_version, err *e)
{
    if (!name_ja && !name_en) err_field_add(e, "name_ja", "name_ja or name_en is required");
    if (name_ja && (!*name_ja || ou_chars(name_ja) > 100)) err_field_add(e, "name_ja", "must be 1 to 100 characters");
    if (name_en && ou_chars(name_en) > 200) err_field_add(e, "name_en", "must be at most 200 characters");
    if (e && e->n_fields) return ERR_VALIDATION;
    char idt[24], vt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT version, name_ja, name_en FROM org_unit WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such unit");
    if (rc != OK) goto cleanup;
    bool in_scope = false;
    if ((rc = authz_unit_in_scope(c, actor->id, "org.manage", id, &in_scope, e)) != OK) goto cleanup;
    if (!in_scope) {
        rc = err_set(e, ERR_FORBIDDEN, "the unit is not one of yours (org.manage)");
        goto cleanup;
    }
    if (atol(db_cell(rows, 0, 0)) != version) {
        rc = err_set(e, ERR_PRECONDITION_FAILED, "the unit was changed meanwhile (version %s, not %ld)",
                     db_cell(rows, 0, 0), version);
        goto cleanup;
    }
    json_t *before = json_pack("{s:s, s:s?}", "name_ja", db_cell(rows, 0, 1), "name_en", db_cell(rows, 0, 2));
    const char *clear_en = name_en && !*name_en ? "1" : "0";
    const char *en = name_en && *name_en ? name_en : NULL;
    db_rows_free(rows);
    rows = NULL;
    rc = db_query(c,
                  "UPDATE org_unit SET name_ja = COALESCE($1, name_ja),"
                  " name_en = CASE WHEN $2 = '1' THEN NULL ELSE COALESCE($3, name_en) END, version = version + 1"
                  " WHERE id = CAST($4 AS BIGINT) AND version = CAST($5 AS BIGINT) RETURNING version, name_ja, name_en",
                  DB_PARAMS(name_ja, clear_en, en, idt, vt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "the unit was changed meanwhile");
    /* The period in force now (for a closed unit, its last) carries the same names: a
     * typo is corrected, not dated. */
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE org_unit_version SET name_ja = $1, name_en = $2 WHERE id = (SELECT id FROM org_unit_version"
                      " WHERE org_unit_id = CAST($3 AS BIGINT) ORDER BY COALESCE(valid_from, '') DESC, id DESC LIMIT 1)",
                      DB_PARAMS(db_cell(rows, 0, 1), db_cell(rows, 0, 2), idt), NULL, e);
    if (rc == OK) {
        *new_version = atol(db_cell(rows, 0, 0));
        json_t *detail = json_pack("{s:O, s:{s:s, s:s?}, s:I}", "before", before, "after", "name_ja",
                                   db_cell(rows, 0, 1), "name_en", db_cell(rows, 0, 2), "version",
                                   (json_int_t)*new_version);
        rc = audit_append(c, actor, "org_unit.correct", "org_unit", idt, detail, e);
        json_decref(detail);
    }
    json_decref(before);
cleanup:
    db_rows_free(rows);
    return rc;
}

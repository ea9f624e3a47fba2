/* partner — related bodies and contractors (see partner.h). The two tables differ only
 * in name, which comes from this file's own constants, never from input. */
#include "domain/partner.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"

static const struct {
    const char *table, *person_column, *noun;
} partner_tables[] = {
    [PARTNER_RELATED_BODY] = {"related_body", "related_body_id", "related_body"},
    [PARTNER_CONTRACTOR] = {"contractor", "contractor_id", "contractor"},
};

const char *partner_noun(partner_kind kind)
{
    return partner_tables[kind].noun;
}

static size_t partner_chars(const char *s)
{
    size_t n = 0;
    for (; *s; s++)
        if (((unsigned char)*s & 0xC0) != 0x80) n++;
    return n;
}

static void partner_check(const partner_fields *f, bool creating, err *e)
{
    if (creating && (!f->name || !*f->name)) err_field_add(e, "name", "is required");
    if (f->name && (!*f->name || partner_chars(f->name) > 200)) err_field_add(e, "name", "must be 1 to 200 characters");
    if (f->contact && partner_chars(f->contact) > 500) err_field_add(e, "contact", "must be at most 500 characters");
    if (f->note && partner_chars(f->note) > 2000) err_field_add(e, "note", "must be at most 2000 characters");
}

static void partner_fill(const db_rows *rows, size_t i, partner_row *p)
{
    p->id = atol(db_cell(rows, i, 0));
    p->name = xstrdup(db_cell(rows, i, 1));
    p->contact = db_cell(rows, i, 2) ? xstrdup(db_cell(rows, i, 2)) : NULL;
    p->note = db_cell(rows, i, 3) ? xstrdup(db_cell(rows, i, 3)) : NULL;
    p->active = atoi(db_cell(rows, i, 4));
    p->version = atol(db_cell(rows, i, 5));
    p->n_people = atol(db_cell(rows, i, 6));
}

static char *partner_select(partner_kind kind, const char *where)
{
    return xasprintf("SELECT t.id, t.name, t.contact, t.note, t.active, t.version,"
                     " (SELECT COUNT(*) FROM person p WHERE p.%s = t.id AND p.active = 1) FROM %s t%s ORDER BY t.name, t.id",
                     partner_tables[kind].person_column, partner_tables[kind].table, where);
}

err_code partner_list(db_conn *c, partner_kind kind, partner_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char *sql = partner_select(kind, "");
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, DB_NO_PARAMS, &rows, e);
    free(sql);
    if (rc != OK) return rc;
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    for (size_t i = 0; i < rows->n_rows; i++) partner_fill(rows, i, &(*out)[i]);
    *n = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

err_code partner_get(db_conn *c, partner_kind kind, long id, partner_row *out, err *e)
{
    memset(out, 0, sizeof *out);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    char *sql = partner_select(kind, " WHERE t.id = CAST($1 AS BIGINT)");
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, DB_PARAMS(idt), &rows, e);
    free(sql);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such %s", partner_tables[kind].noun);
    if (rc == OK) partner_fill(rows, 0, out);
    db_rows_free(rows);
    return rc;
}

err_code partner_create(db_conn *c, partner_kind kind, const audit_actor *actor, const partner_fields *f, long *id,
                        err *e)
{
    partner_check(f, true, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    char now[TIME_CANON_LEN];
    time_now_canon(now);
    char *sql = xasprintf("INSERT INTO %s (name, contact, note, created_at) VALUES ($1, $2, $3, $4) RETURNING id",
                          partner_tables[kind].table);
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, DB_PARAMS(f->name, f->contact, f->note, now), &rows, e);
    free(sql);
    if (rc == OK) {
        *id = atol(db_cell(rows, 0, 0));
        char *action = xasprintf("%s.create", partner_tables[kind].noun);
        json_t *detail = json_pack("{s:s, s:s?, s:s?}", "name", f->name, "contact", f->contact, "note", f->note);
        rc = audit_append(c, actor, action, partner_tables[kind].noun, db_cell(rows, 0, 0), detail, e);
        json_decref(detail);
        free(action);
    }
    db_rows_free(rows);
    return rc;
}

err_code partner_update(db_conn *c, partner_kind kind, const audit_actor *actor, long id, long version,
                        const partner_fields *f, err *e)
{
    partner_check(f, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    char idt[24], vt[24], active[4];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(active, sizeof active, "%d", f->active);
    partner_row current;
    err_code rc = partner_get(c, kind, id, &current, e);
    if (rc != OK) return rc;
    long have = current.version;
    partner_row_clear(&current);
    if (have != version)
        return err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile (version %ld, not %ld)", have, version);
    char *sql = xasprintf("UPDATE %s SET name = COALESCE($1, name), contact = COALESCE($2, contact),"
                          " note = COALESCE($3, note),"
                          " active = CASE WHEN CAST($4 AS INTEGER) < 0 THEN active ELSE CAST($4 AS INTEGER) END,"
                          " version = version + 1 WHERE id = CAST($5 AS BIGINT) AND version = CAST($6 AS BIGINT)"
                          " RETURNING version",
                          partner_tables[kind].table);
    db_rows *rows = NULL;
    rc = db_query(c, sql, DB_PARAMS(f->name, f->contact, f->note, active, idt, vt), &rows, e);
    free(sql);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile");
    if (rc == OK) {
        char *action = xasprintf("%s.update", partner_tables[kind].noun);
        json_t *detail = json_pack("{s:s?, s:s?, s:s?, s:i}", "name", f->name, "contact", f->contact, "note", f->note,
                                   "active", f->active);
        rc = audit_append(c, actor, action, partner_tables[kind].noun, idt, detail, e);
        json_decref(detail);
        free(action);
    }
    db_rows_free(rows);
    return rc;
}

void partner_row_clear(partner_row *p)
{
    free(p->name);
    free(p->contact);
    free(p->note);
    memset(p, 0, sizeof *p);
}

void partner_rows_free(partner_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) partner_row_clear(&rows[i]);
    free(rows);
}

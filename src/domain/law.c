/* law — the legal register (see law.h). */
#include "domain/law.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/catalog_common.h"
#include "search/search_index.h"

#define LAW_COLUMNS                                                                                               \
    "SELECT l.id, l.code, l.name_ja, l.short_name_ja, l.name_en, l.number, l.description, l.active, l.version,"  \
    " (SELECT COUNT(DISTINCT rl.requirement_id) FROM requirement_law rl JOIN requirement r"                      \
    "  ON r.id = rl.requirement_id WHERE rl.law_id = l.id AND r.active = 1) FROM law l"

static void law_fill(const db_rows *rows, size_t i, law_row *l)
{
    l->id = atol(db_cell(rows, i, 0));
    l->code = xstrdup(db_cell(rows, i, 1));
    l->name_ja = xstrdup(db_cell(rows, i, 2));
    l->short_name_ja = xstrdup_opt(db_cell(rows, i, 3));
    l->name_en = xstrdup_opt(db_cell(rows, i, 4));
    l->number = xstrdup_opt(db_cell(rows, i, 5));
    l->description = xstrdup_opt(db_cell(rows, i, 6));
    l->active = atoi(db_cell(rows, i, 7));
    l->version = atol(db_cell(rows, i, 8));
    l->n_requirements = atol(db_cell(rows, i, 9));
}

/* Attaches the articles of laws[0..n) in one statement. */
static err_code law_articles(db_conn *c, law_row *laws, size_t n, err *e)
{
    if (n == 0) return OK;
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT law_id, id, number, title_ja, title_en FROM law_article ORDER BY law_id, sort, id",
                           DB_NO_PARAMS, &rows, e);
    if (rc != OK) return rc;
    for (size_t i = 0; i < rows->n_rows; i++) {
        long law = atol(db_cell(rows, i, 0));
        for (size_t k = 0; k < n; k++) {
            if (laws[k].id != law) continue;
            law_row *l = &laws[k];
            l->articles = xrealloc(l->articles, (l->n_articles + 1) * sizeof *l->articles);
            law_article *a = &l->articles[l->n_articles++];
            a->id = atol(db_cell(rows, i, 1));
            a->number = xstrdup(db_cell(rows, i, 2));
            a->title_ja = xstrdup(db_cell(rows, i, 3));
            a->title_en = xstrdup_opt(db_cell(rows, i, 4));
        }
    }
    db_rows_free(rows);
    return OK;
}

static void law_check(const law_fields *f, bool creating, err *e)
{
    if (creating && !f->code) err_field_add(e, "code", "is required");
    if (f->code && !catalog_code_ok(f->code)) err_field_add(e, "code", "must be 1 to 40 of A-Z, a-z, 0-9, '.', '_', '-'");
    if (creating && !f->name_ja) err_field_add(e, "name_ja", "is required");
    catalog_check_text(f->name_ja, "name_ja", true, 300, e);
    catalog_check_text(f->short_name_ja, "short_name_ja", false, 100, e);
    catalog_check_text(f->name_en, "name_en", false, 300, e);
    catalog_check_text(f->number, "number", false, 100, e);
    catalog_check_text(f->description, "description", false, 4000, e);
    if (f->n_articles > 200) err_field_add(e, "articles", "must be at most 200");
    for (size_t i = 0; i < f->n_articles && i < 200; i++) {
        char field[48];
        const law_article_input *a = &f->articles[i];
        snprintf(field, sizeof field, "articles[%zu].number", i);
        if (!a->number || !*a->number) err_field_add(e, field, "is required");
        else catalog_check_text(a->number, field, true, 50, e);
        snprintf(field, sizeof field, "articles[%zu].title_ja", i);
        if (!a->title_ja || !*a->title_ja) err_field_add(e, field, "is required");
        else catalog_check_text(a->title_ja, field, true, 200, e);
        snprintf(field, sizeof field, "articles[%zu].title_en", i);
        catalog_check_text(a->title_en, field, false, 200, e);
        for (size_t k = 0; k < i; k++)
            if (a->number && f->articles[k].number && !strcmp(a->number, f->articles[k].number)) {
                snprintf(field, sizeof field, "articles[%zu].number", i);
                err_field_add(e, field, "is given twice");
                break;
            }
    }
}

/* Adds or changes the given articles of a law (by number), new ones after the others. */
static err_code law_put_articles(db_conn *c, const char *idt, const law_fields *f, err *e)
{
    err_code rc = OK;
    for (size_t i = 0; rc == OK && i < f->n_articles; i++) {
        const law_article_input *a = &f->articles[i];
        const char *en = a->title_en && *a->title_en ? a->title_en : NULL;
        db_rows *rows = NULL;
        rc = db_query(c,
                      "UPDATE law_article SET title_ja = $1, title_en = $2 WHERE law_id = CAST($3 AS BIGINT) AND number = $4"
                      " RETURNING id",
                      DB_PARAMS(a->title_ja, en, idt, a->number), &rows, e);
        if (rc == OK && rows->n_rows == 0)
            rc = db_query(c,
                          "INSERT INTO law_article (law_id, number, title_ja, title_en, sort) SELECT CAST($1 AS BIGINT), $2, $3, $4,"
                          " COALESCE(MAX(sort), 0) + 1 FROM law_article WHERE law_id = CAST($1 AS BIGINT)",
                          DB_PARAMS(idt, a->number, a->title_ja, en), NULL, e);
        db_rows_free(rows);
    }
    return rc;
}

static err_code law_index(db_conn *c, long id, err *e)
{
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT code, name_ja, short_name_ja, name_en, number FROM law WHERE id = CAST($1 AS BIGINT)",
                           DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows == 1) {
        const char *fields[] = {db_cell(rows, 0, 0), db_cell(rows, 0, 1), db_cell(rows, 0, 2), db_cell(rows, 0, 3),
                                db_cell(rows, 0, 4)};
        rc = search_index_put(c, "law", id, fields, 5, e);
    }
    db_rows_free(rows);
    return rc;
}

static json_t *law_detail(const law_fields *f)
{
    json_t *d = json_object();
    const char *names[] = {"code", "name_ja", "short_name_ja", "name_en", "number", "description"};
    const char *values[] = {f->code, f->name_ja, f->short_name_ja, f->name_en, f->number, f->description};
    for (size_t i = 0; i < 6; i++)
        if (values[i]) json_object_set_new(d, names[i], json_string(values[i]));
    if (f->active >= 0) json_object_set_new(d, "active", json_boolean(f->active));
    if (f->n_articles) {
        json_t *arts = json_array();
        for (size_t i = 0; i < f->n_articles; i++)
            json_array_append_new(arts, json_pack("{s:s, s:s, s:s?}", "number", f->articles[i].number, "title_ja",
                                                  f->articles[i].title_ja, "title_en", f->articles[i].title_en));
        json_object_set_new(d, "articles", arts);
    }
    return d;
}

err_code law_list(db_conn *c, const law_filter *f, law_page *out, err *e)
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
    if (f->cursor && !catalog_code_ok(f->cursor)) {
        err_field_add(e, "cursor", "is not a cursor this list gave");
        return ERR_VALIDATION;
    }
    if ((rc = search_text_query(f->q ? f->q : "", "q", &terms, e)) != OK) goto cleanup;
    if ((rc = search_index_cond(c, "law", &terms, "l.id", 4, &match, e)) != OK) goto cleanup;
    snprintf(active, sizeof active, "%d", f->active);
    snprintf(fetch, sizeof fetch, "%ld", limit + 1);
    sql = xasprintf(LAW_COLUMNS " WHERE (CAST($1 AS INTEGER) < 0 OR l.active = CAST($1 AS INTEGER))"
                                " AND (CAST($2 AS TEXT) IS NULL OR l.code > $2) AND %s"
                                " ORDER BY l.code LIMIT CAST($3 AS BIGINT)",
                    match.sql);
    const char *own[] = {active, f->cursor, fetch};
    params = catalog_params(own, 3, match.params, match.n_params);
    if ((rc = db_query(c, sql, params, 3 + match.n_params, &rows, e)) != OK) goto cleanup;
    size_t shown = rows->n_rows > (size_t)limit ? (size_t)limit : rows->n_rows;
    out->items = xcalloc(shown + 1, sizeof *out->items);
    for (size_t i = 0; i < shown; i++) law_fill(rows, i, &out->items[i]);
    out->n = shown;
    if (rows->n_rows > shown) out->next_cursor = xstrdup(out->items[shown - 1].code);
    rc = law_articles(c, out->items, out->n, e);
cleanup:
    db_rows_free(rows);
    free(sql);
    free(params);
    search_cond_free(&match);
    search_terms_free(&terms);
    if (rc != OK) law_page_free(out);
    return rc;
}

err_code law_get(db_conn *c, long id, law_row *out, err *e)
{
    memset(out, 0, sizeof *out);
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c, LAW_COLUMNS " WHERE l.id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such law");
    if (rc == OK) law_fill(rows, 0, out);
    db_rows_free(rows);
    rows = NULL;
    if (rc == OK) rc = law_articles(c, out, 1, e);
    if (rc == OK)
        rc = db_query(c,
                      "SELECT r.id, r.code, r.title_ja, r.title_en, r.measure_kind, a.number FROM requirement_law rl"
                      " JOIN requirement r ON r.id = rl.requirement_id LEFT JOIN law_article a ON a.id = rl.article_id"
                      " WHERE rl.law_id = CAST($1 AS BIGINT) AND r.active = 1 ORDER BY r.code, a.sort",
                      DB_PARAMS(idt), &rows, e);
    if (rc == OK) {
        out->implementers = xcalloc(rows->n_rows + 1, sizeof *out->implementers);
        for (size_t i = 0; i < rows->n_rows; i++) {
            law_implementer *m = &out->implementers[i];
            m->requirement_id = atol(db_cell(rows, i, 0));
            m->code = xstrdup(db_cell(rows, i, 1));
            m->title_ja = xstrdup(db_cell(rows, i, 2));
            m->title_en = xstrdup_opt(db_cell(rows, i, 3));
            m->measure_kind = xstrdup(db_cell(rows, i, 4));
            m->article_number = xstrdup_opt(db_cell(rows, i, 5));
        }
        out->n_implementers = rows->n_rows;
    }
    db_rows_free(rows);
    if (rc != OK) law_row_clear(out);
    return rc;
}

err_code law_create(db_conn *c, const audit_actor *actor, const law_fields *f, long *id, err *e)
{
    law_check(f, true, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    err_code rc = catalog_code_free(c, "law", f->code, 0, e);
    if (rc != OK) return rc;
    char now[TIME_CANON_LEN], active[4];
    time_now_canon(now);
    snprintf(active, sizeof active, "%d", f->active == 0 ? 0 : 1);
    db_rows *rows = NULL;
    rc = db_query(c,
                  "INSERT INTO law (code, name_ja, short_name_ja, name_en, number, description, active, created_at, updated_at)"
                  " VALUES ($1, $2, $3, $4, $5, $6, CAST($7 AS INTEGER), $8, $8) RETURNING id",
                  DB_PARAMS(f->code, f->name_ja, db_opt_text(f->short_name_ja), db_opt_text(f->name_en), db_opt_text(f->number),
                            db_opt_text(f->description), active, now),
                  &rows, e);
    if (rc == OK) {
        *id = atol(db_cell(rows, 0, 0));
        rc = law_put_articles(c, db_cell(rows, 0, 0), f, e);
    }
    if (rc == OK) {
        json_t *detail = law_detail(f);
        rc = audit_append(c, actor, "law.create", "law", db_cell(rows, 0, 0), detail, e);
        json_decref(detail);
    }
    db_rows_free(rows);
    if (rc == OK) rc = law_index(c, *id, e);
    return rc;
}

/* SQL for an optional text column set from $n: NULL unchanged, "" cleared. */
#define LAW_OPT(col, n)                                                                                           \
    col " = CASE WHEN CAST($" n " AS TEXT) IS NULL THEN " col " WHEN CAST($" n " AS TEXT) = '' THEN NULL ELSE CAST($" n \
        " AS TEXT) END"

err_code law_update(db_conn *c, const audit_actor *actor, long id, long version, const law_fields *f, err *e)
{
    law_check(f, false, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    char idt[24], vt[24], active[4], now[TIME_CANON_LEN];
    snprintf(idt, sizeof idt, "%ld", id);
    snprintf(vt, sizeof vt, "%ld", version);
    snprintf(active, sizeof active, "%d", f->active);
    time_now_canon(now);
    db_rows *rows = NULL;
    err_code rc = db_query(c, "SELECT version FROM law WHERE id = CAST($1 AS BIGINT)", DB_PARAMS(idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such law");
    if (rc == OK && atol(db_cell(rows, 0, 0)) != version)
        rc = err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile (version %s, not %ld)", db_cell(rows, 0, 0),
                     version);
    db_rows_free(rows);
    rows = NULL;
    if (rc == OK) rc = catalog_code_free(c, "law", f->code, id, e);
    if (rc == OK)
        rc = db_query(c,
                      "UPDATE law SET code = COALESCE($1, code), name_ja = COALESCE($2, name_ja), " LAW_OPT("short_name_ja", "3")
                      ", " LAW_OPT("name_en", "4") ", " LAW_OPT("number", "5") ", " LAW_OPT("description", "6")
                      ", active = CASE WHEN CAST($7 AS INTEGER) < 0 THEN active ELSE CAST($7 AS INTEGER) END,"
                      " updated_at = $8, version = version + 1"
                      " WHERE id = CAST($9 AS BIGINT) AND version = CAST($10 AS BIGINT) RETURNING version",
                      DB_PARAMS(f->code, f->name_ja, f->short_name_ja, f->name_en, f->number, f->description, active, now,
                                idt, vt),
                      &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_PRECONDITION_FAILED, "it was changed meanwhile");
    db_rows_free(rows);
    if (rc == OK) rc = law_put_articles(c, idt, f, e);
    if (rc == OK) {
        json_t *detail = law_detail(f);
        rc = audit_append(c, actor, "law.update", "law", idt, detail, e);
        json_decref(detail);
    }
    if (rc == OK) rc = law_index(c, id, e);
    return rc;
}

void law_row_clear(law_row *l)
{
    free(l->code);
    free(l->name_ja);
    free(l->short_name_ja);
    free(l->name_en);
    free(l->number);
    free(l->description);
    for (size_t i = 0; i < l->n_articles; i++) {
        free(l->articles[i].number);
        free(l->articles[i].title_ja);
        free(l->articles[i].title_en);
    }
    free(l->articles);
    for (size_t i = 0; i < l->n_implementers; i++) {
        free(l->implementers[i].code);
        free(l->implementers[i].title_ja);
        free(l->implementers[i].title_en);
        free(l->implementers[i].measure_kind);
        free(l->implementers[i].article_number);
    }
    free(l->implementers);
    memset(l, 0, sizeof *l);
}

void law_page_free(law_page *p)
{
    for (size_t i = 0; i < p->n; i++) law_row_clear(&p->items[i]);
    free(p->items);
    free(p->next_cursor);
    memset(p, 0, sizeof *p);
}

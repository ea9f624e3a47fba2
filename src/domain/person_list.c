/* person_list — people as the caller may see them (see person_list.h). */
#include "domain/person_list.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "search/search_index.h"

static err_code pl_roles(db_conn *c, person_summary *s, const char *today, err *e)
{
    char id[24];
    snprintf(id, sizeof id, "%ld", s->id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT ra.role_code, r.name_ja, r.name_en, ra.org_unit_id, u.name_ja FROM role_assignment ra"
                           " JOIN role r ON r.code = ra.role_code JOIN org_unit u ON u.id = ra.org_unit_id"
                           " WHERE ra.person_id = $1 AND ra.valid_from <= $2 AND (ra.valid_to IS NULL OR ra.valid_to >= $2)"
                           " ORDER BY r.rank DESC, ra.id",
                           DB_PARAMS(id, today), &rows, e);
    if (rc != OK) return rc;
    s->roles = xcalloc(rows->n_rows + 1, sizeof *s->roles);
    for (size_t i = 0; i < rows->n_rows; i++) {
        s->roles[i].role = xstrdup(db_cell(rows, i, 0));
        s->roles[i].role_ja = xstrdup(db_cell(rows, i, 1));
        s->roles[i].role_en = xstrdup(db_cell(rows, i, 2));
        s->roles[i].org_unit_id = atol(db_cell(rows, i, 3));
        s->roles[i].org_unit = xstrdup(db_cell(rows, i, 4));
    }
    s->n_roles = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

/* Columns: id, name, name_kana, category, org_unit_id, unit name, active, version, login, sort_key,
 * employed_from, employed_to, related_body_id, its name, contractor_id, its name */
#define PL_COLUMNS                                                                                               \
    "SELECT p.id, p.name, p.name_kana, p.category, p.org_unit_id, u.name_ja, p.active, p.version, a.login,"     \
    " p.sort_key, p.employed_from, p.employed_to, p.related_body_id, rb.name, p.contractor_id, ct.name"         \
    " FROM person p JOIN org_unit u ON u.id = p.org_unit_id LEFT JOIN account a ON a.person_id = p.id"          \
    " LEFT JOIN related_body rb ON rb.id = p.related_body_id LEFT JOIN contractor ct ON ct.id = p.contractor_id"

static void pl_fill(const db_rows *rows, size_t i, person_summary *s)
{
    s->id = atol(db_cell(rows, i, 0));
    s->name = xstrdup(db_cell(rows, i, 1));
    s->name_kana = xstrdup_opt(db_cell(rows, i, 2));
    s->category = xstrdup(db_cell(rows, i, 3));
    s->org_unit_id = atol(db_cell(rows, i, 4));
    s->org_unit = xstrdup(db_cell(rows, i, 5));
    s->active = strcmp(db_cell(rows, i, 6), "1") == 0;
    s->version = atol(db_cell(rows, i, 7));
    s->login = xstrdup_opt(db_cell(rows, i, 8));
    s->employed_from = xstrdup_opt(db_cell(rows, i, 10));
    s->employed_to = xstrdup_opt(db_cell(rows, i, 11));
    s->related_body_id = db_cell(rows, i, 12) ? atol(db_cell(rows, i, 12)) : 0;
    s->related_body = xstrdup_opt(db_cell(rows, i, 13));
    s->contractor_id = db_cell(rows, i, 14) ? atol(db_cell(rows, i, 14)) : 0;
    s->contractor = xstrdup_opt(db_cell(rows, i, 15));
}

/* The cursor is the last row's sort key and id, hex-encoded so it is opaque and safe
 * in a URL. */
static char *pl_cursor(const char *sort_key, const char *id)
{
    char *plain = xasprintf("%s\x1f%s", sort_key, id);
    size_t n = strlen(plain);
    char *hex = xmalloc(n * 2 + 1);
    sodium_bin2hex(hex, n * 2 + 1, (const unsigned char *)plain, n);
    free(plain);
    return hex;
}

static bool pl_cursor_parse(const char *cursor, char **sort_key, char **id)
{
    size_t n = strlen(cursor);
    if (n == 0 || n % 2 || n > 4096) return false;
    unsigned char *plain = xmalloc(n / 2 + 1);
    size_t len = 0;
    bool ok = sodium_hex2bin(plain, n / 2, cursor, n, NULL, &len, NULL) == 0;
    plain[ok ? len : 0] = '\0';
    char *sep = ok ? memchr(plain, '\x1f', len) : NULL;
    if (sep) {
        *sep = '\0';
        *sort_key = xstrdup((char *)plain);
        *id = xstrdup(sep + 1);
        for (const char *p = *id; *p && ok; p++) ok = *p >= '0' && *p <= '9';
        ok = ok && **id;
        if (!ok) {
            free(*sort_key);
            free(*id);
        }
    } else {
        ok = false;
    }
    free(plain);
    return ok;
}

err_code person_list(db_conn *c, long viewer, const person_filter *f, person_page *out, err *e)
{
    memset(out, 0, sizeof *out);
    char viewer_text[24], today[11], unit[24], active[4], fetch[24];
    char *after_key = NULL, *after_id = NULL, *sql = NULL;
    const char **params = NULL;
    search_terms terms = {0};
    search_cond match = {0};
    db_rows *rows = NULL;
    err_code rc = OK;
    if (f->cursor && !pl_cursor_parse(f->cursor, &after_key, &after_id)) {
        err_field_add(e, "cursor", "is not a cursor this list gave");
        return ERR_VALIDATION;
    }
    if ((rc = search_text_query(f->q ? f->q : "", "q", &terms, e)) != OK) goto cleanup;
    /* The name and its reading (person_search_put); the statement's own are $1 … $8. */
    if ((rc = search_index_cond(c, "person", &terms, "p.id", 9, &match, e)) != OK) goto cleanup;
    snprintf(viewer_text, sizeof viewer_text, "%ld", viewer);
    snprintf(unit, sizeof unit, "%ld", f->org_unit_id);
    snprintf(active, sizeof active, "%d", f->active);
    snprintf(fetch, sizeof fetch, "%ld", f->limit + 1);
    time_today_local(today);
    /* Only units in scope; with a unit filter, that unit's subtree within the scope. */
    sql = xasprintf(AUTHZ_SCOPE_CTE ", pick(id) AS (SELECT id FROM org_unit WHERE id = CAST($4 AS BIGINT)"
                    " UNION SELECT u.id FROM org_unit u JOIN pick ON u.parent_id = pick.id) " PL_COLUMNS
                    " WHERE" AUTHZ_PERSON_VISIBLE
                    " AND (CAST($4 AS BIGINT) = 0 OR p.org_unit_id IN (SELECT id FROM pick))"
                    " AND (CAST($5 AS INTEGER) < 0 OR p.active = CAST($5 AS INTEGER))"
                    " AND (CAST($6 AS TEXT) IS NULL OR p.sort_key > $6 OR (p.sort_key = $6 AND p.id > CAST($7 AS BIGINT)))"
                    " AND %s"
                    " ORDER BY p.sort_key, p.id LIMIT CAST($8 AS BIGINT)",
                    match.sql);
    const char *own[] = {viewer_text, "person.read", today, unit, active, after_key, after_id, fetch};
    size_t n_own = sizeof own / sizeof *own;
    params = xcalloc(n_own + match.n_params, sizeof *params);
    memcpy(params, own, sizeof own);
    for (size_t i = 0; i < match.n_params; i++) params[n_own + i] = match.params[i];
    rc = db_query(c, sql, params, n_own + match.n_params, &rows, e);
    if (rc != OK) goto cleanup;
    size_t shown = rows->n_rows > (size_t)f->limit ? (size_t)f->limit : rows->n_rows;
    out->items = xcalloc(shown + 1, sizeof *out->items);
    for (size_t i = 0; i < shown && rc == OK; i++) {
        pl_fill(rows, i, &out->items[i]);
        out->n++;
        rc = pl_roles(c, &out->items[i], today, e);
    }
    if (rc == OK && rows->n_rows > (size_t)f->limit)
        out->next_cursor = pl_cursor(db_cell(rows, shown - 1, 9), db_cell(rows, shown - 1, 0));
cleanup:
    db_rows_free(rows);
    free(after_key);
    free(after_id);
    free(sql);
    free(params);
    search_cond_free(&match);
    search_terms_free(&terms);
    if (rc != OK) person_page_free(out);
    return rc;
}

err_code person_get(db_conn *c, long viewer, long id, person_summary *out, err *e)
{
    memset(out, 0, sizeof *out);
    char viewer_text[24], today[11], idt[24];
    snprintf(viewer_text, sizeof viewer_text, "%ld", viewer);
    snprintf(idt, sizeof idt, "%ld", id);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c, AUTHZ_SCOPE_CTE PL_COLUMNS " WHERE p.id = CAST($4 AS BIGINT) AND" AUTHZ_PERSON_VISIBLE,
                           DB_PARAMS(viewer_text, "person.read", today, idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such person");
    if (rc == OK) {
        pl_fill(rows, 0, out);
        rc = pl_roles(c, out, today, e);
    }
    db_rows_free(rows);
    if (rc != OK) person_summary_free(out);
    return rc;
}

void person_summary_free(person_summary *s)
{
    free(s->name);
    free(s->name_kana);
    free(s->category);
    free(s->org_unit);
    free(s->login);
    free(s->employed_from);
    free(s->employed_to);
    free(s->related_body);
    free(s->contractor);
    for (size_t i = 0; i < s->n_roles; i++) {
        free(s->roles[i].role);
        free(s->roles[i].role_ja);
        free(s->roles[i].role_en);
        free(s->roles[i].org_unit);
    }
    free(s->roles);
    memset(s, 0, sizeof *s);
}

void person_page_free(person_page *p)
{
    for (size_t i = 0; i < p->n; i++) person_summary_free(&p->items[i]);
    free(p->items);
    free(p->next_cursor);
    memset(p, 0, sizeof *p);
}

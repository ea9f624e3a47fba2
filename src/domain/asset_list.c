/* asset_list — reading the ledger: one asset, a page of a filtered list, an asset's
 * history and relations, always through need-to-know (authz.h: AUTHZ_ASSET_CTE and
 * AUTHZ_ASSET_VISIBLE, the one definition). */
#include <limits.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authz.h"
#include "core/buf.h"
#include "core/timeutil.h"
#include "core/xalloc.h"
#include "domain/asset_internal.h"
#include "search/search_index.h"
#include "search/search_text.h"

static void al_class(const db_rows *rows, size_t i, size_t col, asset_class_ref *k)
{
    k->id = atol(db_cell(rows, i, col));
    k->code = xstrdup(db_cell(rows, i, col + 1));
    k->name_ja = xstrdup(db_cell(rows, i, col + 2));
    k->rank = atoi(db_cell(rows, i, col + 3));
}

void asset_row_fill(const db_rows *rows, size_t i, asset_row *r)
{
    memset(r, 0, sizeof *r);
    r->id = atol(db_cell(rows, i, 0));
    r->kind = xstrdup(db_cell(rows, i, 1));
    r->name = xstrdup(db_cell(rows, i, 2));
    r->description = xstrdup_opt(db_cell(rows, i, 3));
    r->owner_unit_id = atol(db_cell(rows, i, 4));
    r->owner_unit = xstrdup(db_cell(rows, i, 5));
    r->owner_unit_code = xstrdup(db_cell(rows, i, 6));
    r->manager_id = db_cell(rows, i, 7) ? atol(db_cell(rows, i, 7)) : 0;
    r->manager = xstrdup_opt(db_cell(rows, i, 8));
    r->location = xstrdup_opt(db_cell(rows, i, 9));
    r->segment = xstrdup(db_cell(rows, i, 10));
    r->format = xstrdup(db_cell(rows, i, 11));
    r->personal_data = strcmp(db_cell(rows, i, 12), "1") == 0;
    r->mynumber = strcmp(db_cell(rows, i, 13), "1") == 0;
    r->retention = xstrdup_opt(db_cell(rows, i, 14));
    r->disposal_method = xstrdup_opt(db_cell(rows, i, 15));
    al_class(rows, i, 16, &r->c);
    al_class(rows, i, 20, &r->i);
    al_class(rows, i, 24, &r->a);
    r->class_reason = xstrdup_opt(db_cell(rows, i, 28));
    r->status = xstrdup(db_cell(rows, i, 29));
    r->disposed_on = xstrdup_opt(db_cell(rows, i, 30));
    r->disposed_method = xstrdup_opt(db_cell(rows, i, 31));
    r->disposal_witness = xstrdup_opt(db_cell(rows, i, 32));
    r->created_at = xstrdup(db_cell(rows, i, 33));
    r->updated_at = xstrdup(db_cell(rows, i, 34));
    r->version = atol(db_cell(rows, i, 35));
    r->sort_key = xstrdup(db_cell(rows, i, ASSET_COL_SORT_KEY));
    r->label = classification_label(r->c.code, r->i.code, r->a.code);
}

err_code asset_get(db_conn *c, long viewer, long id, asset_row *out, err *e)
{
    memset(out, 0, sizeof *out);
    char person[24], today[11], idt[24];
    snprintf(person, sizeof person, "%ld", viewer);
    snprintf(idt, sizeof idt, "%ld", id);
    time_today_local(today);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           AUTHZ_ASSET_CTE ASSET_COLUMNS " WHERE a.id = CAST($3 AS BIGINT) AND "
                                                         AUTHZ_ASSET_VISIBLE("a", "kc"),
                           DB_PARAMS(person, today, idt), &rows, e);
    if (rc == OK && rows->n_rows != 1) rc = err_set(e, ERR_NOT_FOUND, "no such asset");
    if (rc == OK) asset_row_fill(rows, 0, out);
    db_rows_free(rows);
    return rc;
}

/* The cursor is the last row's sort key and id, hex-encoded: opaque and URL-safe. */
static char *al_cursor(const char *sort_key, long id)
{
    char *plain = xasprintf("%s\x1f%ld", sort_key, id);
    size_t n = strlen(plain);
    char *hex = xmalloc(n * 2 + 1);
    sodium_bin2hex(hex, n * 2 + 1, (const unsigned char *)plain, n);
    free(plain);
    return hex;
}

static bool al_cursor_parse(const char *cursor, char **sort_key, char **id)
{
    size_t n = strlen(cursor);
    if (n == 0 || n % 2 || n > 4096) return false;
    unsigned char *plain = xmalloc(n / 2 + 1);
    size_t len = 0;
    bool ok = sodium_hex2bin(plain, n / 2, cursor, n, NULL, &len, NULL) == 0;
    plain[ok ? len : 0] = '\0';
    char *sep = ok ? memchr(plain, '\x1f', len) : NULL;
    ok = sep != NULL && sep[1] && strspn(sep + 1, "0123456789") == strlen(sep + 1) && strlen(sep + 1) < 16;
    if (ok) {
        *sep = '\0';
        *sort_key = xstrdup((char *)plain);
        *id = xstrdup(sep + 1);
    }
    free(plain);
    return ok;
}

static bool al_in(const char *v, const char *const *list, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(v, list[i]) == 0) return true;
    return false;
}

/* A statement under construction: SQL text and its parameters in order ($1 first). */
typedef struct al_stmt {
    buf sql;
    const char **params; /* owned array; the values are the caller's */
    size_t n, cap;
} al_stmt;

/* Adds a parameter; returns its number for the SQL text. */
static int al_param(al_stmt *s, const char *value)
{
    if (s->n == s->cap) {
        s->cap = s->cap ? s->cap * 2 : 16;
        s->params = xrealloc(s->params, s->cap * sizeof *s->params);
    }
    s->params[s->n++] = value;
    return (int)s->n;
}

/* pick: the chosen unit's subtree ($3), put after AUTHZ_ASSET_CTE; the visibility
 * condition keeps it within sight. */
#define AL_PICK_CTE                                                                                              \
    ", pick(id) AS (SELECT id FROM org_unit WHERE id = CAST($3 AS BIGINT)"                                       \
    " UNION SELECT u2.id FROM org_unit u2 JOIN pick ON u2.parent_id = pick.id) "

/* Up to this many assets in sight (in the chosen units), the list reads the units' assets
 * through the unit index and sorts them (a few µs a row). Beyond, when the sight spans
 * a large part of the organisation (a quarter of its units or more), it walks the
 * ledger in its order and stops after a page: most rows pass. A wide sight over a few
 * units (a department) still reads and sorts its own rows: walking the whole ledger for
 * them can cost seconds when their names cluster in the sort order. */
#define AL_NARROW 8000

/* How many assets the viewer's sight (in the chosen units) holds, counting index entries
 * only and at most AL_NARROW + 1 of them, and whether it spans a quarter of the units. */
static err_code al_sight(db_conn *c, const char *person, const char *today, const char *unit, long *n, bool *broad,
                         err *e)
{
    char *sql = xasprintf(AUTHZ_ASSET_CTE AL_PICK_CTE "SELECT (SELECT count(*) FROM (SELECT 1 FROM asset a WHERE a.owner_unit_id IN"
                                          " (SELECT id FROM aread) AND (CAST($3 AS BIGINT) = 0 OR a.owner_unit_id IN"
                                          " (SELECT id FROM pick)) LIMIT %d) n),"
                                          " (SELECT count(*) FROM aread WHERE CAST($3 AS BIGINT) = 0 OR id IN"
                                          " (SELECT id FROM pick)) * 4 >= (SELECT count(*) FROM org_unit)",
                          AL_NARROW + 1);
    db_rows *rows = NULL;
    err_code rc = db_query(c, sql, DB_PARAMS(person, today, unit), &rows, e);
    if (rc == OK) {
        *n = atol(db_cell(rows, 0, 0));
        const char *b = db_cell(rows, 0, 1);
        *broad = b && (strcmp(b, "1") == 0 || strcmp(b, "t") == 0 || strcmp(b, "true") == 0);
    }
    db_rows_free(rows);
    free(sql);
    return rc;
}

void asset_filter_check(const asset_filter *f, err *e)
{
    static const char *const kinds[] = {"information", "system", "network", "medium", "document", "equipment"};
    static const char *const segments[] = {"mynumber", "lgwan", "internet", "standalone", "other"};
    static const char *const statuses[] = {"in_use", "disposed", "all"};
    if (f->kind && !al_in(f->kind, kinds, 6))
        err_field_add(e, "kind", "must be one of information, system, network, medium, document, equipment");
    if (f->segment && !al_in(f->segment, segments, 5))
        err_field_add(e, "segment", "must be one of mynumber, lgwan, internet, standalone, other");
    if (f->status && !al_in(f->status, statuses, 3)) err_field_add(e, "status", "must be in_use, disposed or all");
}

/* How the statement finds its rows (see asset_list). */
typedef enum al_drive {
    AL_DRIVE_UNITS, /* from the units in sight, through the unit index */
    AL_DRIVE_OTHER, /* from the ledger's order, or the search's hits: the unit test must not drive */
    AL_DRIVE_ALL    /* the system viewer: every asset, no unit test at all */
} al_drive;

/* Appends pick (when a unit is chosen) to the CTE, then "… WHERE" is the caller's; the
 * visibility condition and the filters (not the search, not the cursor) follow as
 * "<visibility> AND …". The parameters $1 person, $2 today, $3 unit (only when a unit is
 * chosen) must already be in st. */
static void al_visibility(al_stmt *st, al_drive drive)
{
    if (drive == AL_DRIVE_ALL) {
        buf_puts(&st->sql, "1 = 1");
    } else if (drive == AL_DRIVE_OTHER) {
        /* The same condition as AUTHZ_ASSET_VISIBLE, its unit tests made unusable as an
         * index lookup (unary + on SQLite; PostgreSQL plans by its own costs). */
        buf_puts(&st->sql, "((+a.owner_unit_id IN (SELECT id FROM aread) AND (kc.rank < 4"
                           " OR +a.owner_unit_id IN (SELECT id FROM arestricted))) OR a.id IN (SELECT id FROM amanaged))");
    } else {
        /* The assets of the units in sight (the unit index) and those managed, as the rows
         * to start from; the visibility condition then applies as always. */
        buf_puts(&st->sql, "a.id IN (SELECT x.id FROM asset x WHERE x.owner_unit_id IN (SELECT id FROM aread)"
                           " UNION ALL SELECT id FROM amanaged) AND " AUTHZ_ASSET_VISIBLE("a", "kc"));
    }
}

/* The filters (not the search, not the cursor) on the asset row alias x ("a" or "x"),
 * each " AND …". Values are bound; the SQL text is the code's. */
static void al_filters(al_stmt *st, const asset_filter *f, al_drive drive, const char *status, const char *klass,
                       const char *x)
{
    if (f->org_unit_id)
        buf_printf(&st->sql, " AND %s%s.owner_unit_id IN (SELECT id FROM pick)", drive == AL_DRIVE_OTHER ? "+" : "", x);
    if (f->kind) buf_printf(&st->sql, " AND %s.kind = $%d", x, al_param(st, f->kind));
    if (f->segment) buf_printf(&st->sql, " AND %s.segment = $%d", x, al_param(st, f->segment));
    if (strcmp(status, "all") != 0) buf_printf(&st->sql, " AND %s.status = $%d", x, al_param(st, status));
    if (f->class_id) {
        /* Never the class indexes: a class holds a tenth of the ledger or more, which is
         * read faster in the list's own order (or from its units) than gathered and sorted. */
        int k = al_param(st, klass);
        buf_printf(&st->sql,
                   " AND (+%s.c_class_id = CAST($%d AS BIGINT) OR +%s.i_class_id = CAST($%d AS BIGINT)"
                   " OR +%s.a_class_id = CAST($%d AS BIGINT))",
                   x, k, x, k, x, k);
    }
    if (f->personal_data == 0) buf_printf(&st->sql, " AND %s.personal_data = 0", x);
    if (f->personal_data == 1) buf_printf(&st->sql, " AND %s.personal_data = 1", x);
    if (f->personal_data == 2) buf_printf(&st->sql, " AND %s.mynumber = 1", x);
}

err_code asset_count(db_conn *c, long viewer, const asset_filter *f, long *n, err *e)
{
    *n = 0;
    asset_filter_check(f, e);
    if (e && e->n_fields) return ERR_VALIDATION;
    char person[24], today[11], unit[24], klass[24];
    snprintf(person, sizeof person, "%ld", viewer);
    time_today_local(today);
    snprintf(unit, sizeof unit, "%ld", f->org_unit_id);
    snprintf(klass, sizeof klass, "%ld", f->class_id);
    al_drive drive = viewer == ASSET_VIEWER_SYSTEM ? AL_DRIVE_ALL : AL_DRIVE_UNITS;
    al_stmt st = {0};
    buf_init(&st.sql, 0);
    al_param(&st, person);
    al_param(&st, today);
    if (f->org_unit_id) al_param(&st, unit);
    buf_puts(&st.sql, AUTHZ_ASSET_CTE);
    if (f->org_unit_id) buf_puts(&st.sql, AL_PICK_CTE);
    buf_puts(&st.sql, "SELECT count(*) FROM asset a JOIN classification_class kc ON kc.id = a.c_class_id WHERE ");
    al_visibility(&st, drive);
    al_filters(&st, f, drive, f->status ? f->status : "in_use", klass, "a");
    db_rows *rows = NULL;
    err_code rc = db_query(c, buf_str(&st.sql), st.params, st.n, &rows, e);
    if (rc == OK) *n = atol(db_cell(rows, 0, 0));
    db_rows_free(rows);
    free(st.params);
    buf_free(&st.sql);
    return rc;
}

err_code asset_list(db_conn *c, long viewer, const asset_filter *f, asset_page *out, err *e)
{
    memset(out, 0, sizeof *out);
    char person[24], today[11], unit[24], klass[24], fetch[24];
    char *after_key = NULL, *after_id = NULL;
    search_terms terms = {0};
    search_cond match = {0};
    al_stmt st = {0};
    buf_init(&st.sql, 0);
    db_rows *rows = NULL;
    err_code rc = OK;
    asset_filter_check(f, e);
    if (f->cursor && !al_cursor_parse(f->cursor, &after_key, &after_id))
        err_field_add(e, "cursor", "is not a cursor this list gave");
    if (e && e->n_fields) {
        rc = ERR_VALIDATION;
        goto cleanup;
    }
    if ((rc = search_text_query(f->q ? f->q : "", "q", &terms, e)) != OK) goto cleanup;
    snprintf(person, sizeof person, "%ld", viewer);
    time_today_local(today);
    snprintf(unit, sizeof unit, "%ld", f->org_unit_id);
    snprintf(klass, sizeof klass, "%ld", f->class_id);
    snprintf(fetch, sizeof fetch, "%ld", f->limit + 1);
    const char *status = f->status ? f->status : "in_use";

    /* The plan is chosen here, not left to the planner: neither backend knows how many
     * assets a viewer's scope (a recursive CTE) holds. A search with few hits starts from
     * them; a narrow sight reads its units' assets and sorts them; a wide one walks the
     * ledger in order ("+" keeps SQLite from driving by the unit index). The statement is
     * built from the filters in force only, so each filter can use an index. */
    long sight = 0;
    bool broad = true, system = viewer == ASSET_VIEWER_SYSTEM;
    if (system) sight = LONG_MAX; /* the command line sees every asset */
    else if ((rc = al_sight(c, person, today, unit, &sight, &broad, e)) != OK) goto cleanup;
    bool wide = sight > AL_NARROW && broad;
    al_param(&st, person);
    al_param(&st, today);
    if (f->org_unit_id) al_param(&st, unit); /* $3: a parameter the text never names would stop PostgreSQL */
    /* A search starts from its hits only when they are fewer than the rows in sight. */
    long max_hits = sight > AL_NARROW ? SEARCH_INDEX_HITS_MAX : sight;
    bool narrow = !system && !wide;
    /* Narrow: the page is chosen from the covering index asset_sight (x), then read (a). */
    const char *x = narrow ? "x" : "a";
    char *id_column = xasprintf("%s.id", x);
    rc = search_index_cond_within(c, "asset", &terms, id_column, (int)st.n + 1, max_hits, &match, e);
    free(id_column);
    if (rc != OK) goto cleanup;
    for (size_t i = 0; i < match.n_params; i++) al_param(&st, match.params[i]);
    int k_after = after_key ? al_param(&st, after_key) : 0, k_id = after_key ? al_param(&st, after_id) : 0;
    int k_fetch = al_param(&st, fetch);
    buf_puts(&st.sql, AUTHZ_ASSET_CTE);
    if (f->org_unit_id) buf_puts(&st.sql, AL_PICK_CTE);
    if (narrow) {
        /* Two arms, the units' assets in sight and those the viewer manages, each read
         * from asset_sight alone (every column the filters, the order and the visibility
         * need is in it), merged and cut to a page; only that page's rows are read. */
        buf_puts(&st.sql, ", page(id, sort_key) AS (");
        for (int arm = 0; arm < 2; arm++) {
            if (arm == 0)
                buf_puts(&st.sql, "SELECT x.id, x.sort_key FROM asset x JOIN classification_class xk ON xk.id ="
                                  " x.c_class_id WHERE x.owner_unit_id IN (SELECT id FROM aread) AND (xk.rank < 4"
                                  " OR x.owner_unit_id IN (SELECT id FROM arestricted))");
            else
                buf_puts(&st.sql, " UNION SELECT x.id, x.sort_key FROM asset x WHERE x.id IN (SELECT id FROM amanaged)");
            buf_printf(&st.sql, " AND %s", match.sql);
            al_filters(&st, f, AL_DRIVE_UNITS, status, klass, "x");
            if (after_key)
                buf_printf(&st.sql, " AND (x.sort_key > $%d OR (x.sort_key = $%d AND x.id > CAST($%d AS BIGINT)))",
                           k_after, k_after, k_id);
        }
        buf_printf(&st.sql, " ORDER BY 2, 1 LIMIT CAST($%d AS BIGINT)) " ASSET_COLUMNS
                            " WHERE a.id IN (SELECT id FROM page) ORDER BY a.sort_key, a.id",
                   k_fetch);
    } else {
        buf_puts(&st.sql, ASSET_COLUMNS " WHERE ");
        al_drive drive = system ? AL_DRIVE_ALL : AL_DRIVE_OTHER;
        al_visibility(&st, drive);
        buf_printf(&st.sql, " AND %s", match.sql);
        al_filters(&st, f, drive, status, klass, "a");
        if (after_key)
            buf_printf(&st.sql, " AND (a.sort_key > $%d OR (a.sort_key = $%d AND a.id > CAST($%d AS BIGINT)))",
                       k_after, k_after, k_id);
        buf_printf(&st.sql, " ORDER BY a.sort_key, a.id LIMIT CAST($%d AS BIGINT)", k_fetch);
    }
    rc = db_query(c, buf_str(&st.sql), st.params, st.n, &rows, e);
    if (rc != OK) goto cleanup;
    size_t shown = rows->n_rows > (size_t)f->limit ? (size_t)f->limit : rows->n_rows;
    out->items = xcalloc(shown + 1, sizeof *out->items);
    for (size_t i = 0; i < shown; i++) asset_row_fill(rows, i, &out->items[out->n++]);
    if (rows->n_rows > (size_t)f->limit && shown > 0)
        out->next_cursor = al_cursor(out->items[shown - 1].sort_key, out->items[shown - 1].id);
cleanup:
    db_rows_free(rows);
    free(after_key);
    free(after_id);
    free(st.params);
    buf_free(&st.sql);
    search_cond_free(&match);
    search_terms_free(&terms);
    return rc;
}

err_code asset_history(db_conn *c, long id, asset_version_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char idt[24];
    snprintf(idt, sizeof idt, "%ld", id);
    db_rows *rows = NULL;
    err_code rc = db_query(c,
                           "SELECT v.version, v.change, v.changed_at, p.name, v.owner_unit_id, u.name_ja, v.manager_id,"
                           " m.name, v.name, v.status, kc.code, ki.code, ka.code FROM asset_version v"
                           " JOIN org_unit u ON u.id = v.owner_unit_id LEFT JOIN person p ON p.id = v.changed_by"
                           " LEFT JOIN person m ON m.id = v.manager_id"
                           " JOIN classification_class kc ON kc.id = v.c_class_id"
                           " JOIN classification_class ki ON ki.id = v.i_class_id"
                           " JOIN classification_class ka ON ka.id = v.a_class_id"
                           " WHERE v.asset_id = CAST($1 AS BIGINT) ORDER BY v.version",
                           DB_PARAMS(idt), &rows, e);
    if (rc != OK) return rc;
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    for (size_t i = 0; i < rows->n_rows; i++) {
        asset_version_row *v = &(*out)[i];
        v->version = atol(db_cell(rows, i, 0));
        v->change = xstrdup(db_cell(rows, i, 1));
        v->changed_at = xstrdup(db_cell(rows, i, 2));
        v->changed_by = xstrdup_opt(db_cell(rows, i, 3));
        v->owner_unit_id = atol(db_cell(rows, i, 4));
        v->owner_unit = xstrdup(db_cell(rows, i, 5));
        v->manager_id = db_cell(rows, i, 6) ? atol(db_cell(rows, i, 6)) : 0;
        v->manager = xstrdup_opt(db_cell(rows, i, 7));
        v->name = xstrdup(db_cell(rows, i, 8));
        v->status = xstrdup(db_cell(rows, i, 9));
        v->label = classification_label(db_cell(rows, i, 10), db_cell(rows, i, 11), db_cell(rows, i, 12));
    }
    *n = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

void asset_history_free(asset_version_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].change);
        free(rows[i].changed_at);
        free(rows[i].changed_by);
        free(rows[i].owner_unit);
        free(rows[i].manager);
        free(rows[i].name);
        free(rows[i].status);
        free(rows[i].label);
    }
    free(rows);
}

err_code asset_relations(db_conn *c, long viewer, long id, asset_relation_row **out, size_t *n, err *e)
{
    *out = NULL;
    *n = 0;
    char person[24], today[11], idt[24];
    snprintf(person, sizeof person, "%ld", viewer);
    snprintf(idt, sizeof idt, "%ld", id);
    time_today_local(today);
    db_rows *rows = NULL;
    /* The other end through the same visibility condition: an end the viewer may not see
     * is left out, not counted. */
    err_code rc = db_query(
        c,
        AUTHZ_ASSET_CTE "SELECT r.id, r.kind, r.from_asset_id = CAST($3 AS BIGINT), a.id, a.name, a.kind, kc.code,"
                        " ki.code, ka.code, r.created_at FROM asset_relation r"
                        " JOIN asset a ON a.id = CASE WHEN r.from_asset_id = CAST($3 AS BIGINT) THEN r.to_asset_id"
                        "  ELSE r.from_asset_id END"
                        " JOIN classification_class kc ON kc.id = a.c_class_id"
                        " JOIN classification_class ki ON ki.id = a.i_class_id"
                        " JOIN classification_class ka ON ka.id = a.a_class_id"
                        " WHERE (r.from_asset_id = CAST($3 AS BIGINT) OR r.to_asset_id = CAST($3 AS BIGINT))"
                        " AND r.ended_at IS NULL AND " AUTHZ_ASSET_VISIBLE("a", "kc") " ORDER BY r.id",
        DB_PARAMS(person, today, idt), &rows, e);
    if (rc != OK) return rc;
    *out = xcalloc(rows->n_rows + 1, sizeof **out);
    for (size_t i = 0; i < rows->n_rows; i++) {
        asset_relation_row *r = &(*out)[i];
        const char *outgoing = db_cell(rows, i, 2);
        r->id = atol(db_cell(rows, i, 0));
        r->kind = xstrdup(db_cell(rows, i, 1));
        r->outgoing = outgoing && (strcmp(outgoing, "1") == 0 || strcmp(outgoing, "t") == 0);
        r->other_id = atol(db_cell(rows, i, 3));
        r->other_name = xstrdup(db_cell(rows, i, 4));
        r->other_kind = xstrdup(db_cell(rows, i, 5));
        r->other_label = classification_label(db_cell(rows, i, 6), db_cell(rows, i, 7), db_cell(rows, i, 8));
        r->created_at = xstrdup(db_cell(rows, i, 9));
    }
    *n = rows->n_rows;
    db_rows_free(rows);
    return OK;
}

void asset_relations_free(asset_relation_row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(rows[i].kind);
        free(rows[i].other_name);
        free(rows[i].other_kind);
        free(rows[i].other_label);
        free(rows[i].created_at);
    }
    free(rows);
}

static void al_class_free(asset_class_ref *k)
{
    free(k->code);
    free(k->name_ja);
}

void asset_row_free(asset_row *r)
{
    char **texts[] = {&r->kind, &r->name, &r->description, &r->owner_unit, &r->owner_unit_code, &r->manager,
                      &r->location, &r->segment, &r->format, &r->retention, &r->disposal_method, &r->class_reason,
                      &r->status, &r->disposed_on, &r->disposed_method, &r->disposal_witness, &r->created_at,
                      &r->updated_at, &r->sort_key, &r->label};
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) free(*texts[i]);
    al_class_free(&r->c);
    al_class_free(&r->i);
    al_class_free(&r->a);
    memset(r, 0, sizeof *r);
}

void asset_page_free(asset_page *p)
{
    for (size_t i = 0; i < p->n; i++) asset_row_free(&p->items[i]);
    free(p->items);
    free(p->next_cursor);
    memset(p, 0, sizeof *p);
}

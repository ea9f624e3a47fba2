/* db_sqlite_bulk — what the SQLite backend offers writes of many rows (see db.h): a
 * connection readied for them (db_prepare_bulk), staging tables (db_stage_*),
 * statements run once a row (db_repeat_*), ids reserved ahead (db_reserve_ids) and
 * indexes set aside (db_indexes_set_aside).
 *
 * A staging table is a virtual table over rows kept in the process's memory: staging a
 * row copies its cells into an arena, and the statements that read the table (INSERT …
 * SELECT) read them from there. A temporary table would cost a statement to write each
 * row and a B-tree to hold it, only to be read once: a third of an import's staging.
 * The module (mamori_stage) is registered on every connection; its tables exist in the
 * connection's temp schema between db_stage_begin and db_stage_end, and find their rows
 * by name in the connection's list of stages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "db/db_sqlite_internal.h"

/* ---- a connection readied for a large write (db_prepare_bulk) ---- */

/* Copies the first column of the first row (the mode a journal_mode pragma answers). */
static int bulk_first_cell(void *arg, int n, char **cells, char **names)
{
    (void)names;
    char *out = arg;
    snprintf(out, 16, "%s", n > 0 && cells[0] ? cells[0] : "");
    return 0;
}

err_code db_sqlite_prepare_bulk(void *handle, err *e)
{
    sqlite_handle *h = handle;
    /* The default page cache (2 MB) makes a transaction of a million rows spill and
     * re-read the indexes it grows (the sort key's, the search index's) page by page;
     * a million assets write 1.2 GB of pages in one transaction, and a cache that holds
     * them all (2 GB) spares writing some twice and the index builds a fifth of their
     * time. It is taken only as the transaction needs it and given back at disconnect.
     * And each statement's journal (what undoes the statement alone, for a constraint
     * that fails) goes to a temp file once over 64 KB: in memory instead. */
    err_code rc = db_sqlite_exec(h, "PRAGMA cache_size = -2097152; PRAGMA temp_store = MEMORY", e);
    if (rc != OK) return rc;
    /* No foreign-key lookups: a bulk write checks every reference it writes itself, in
     * the same transaction (the import matches units, people and classes against the
     * store after BEGIN), so SQLite's probe of the parent per row and key (six a row for
     * an asset and its version) only repeats that work. The import's tests run
     * PRAGMA foreign_key_check on the store after it. Set before the transaction (SQLite
     * ignores it inside one) and put back at release, after the rollback if any. */
    rc = db_sqlite_exec(h, "PRAGMA foreign_keys = OFF", e);
    if (rc != OK) return rc;
    /* The rollback journal, when this is the store's only connection (leaving the WAL
     * needs the store to itself: with another connection open it fails at once, and
     * the WAL stays). An import then writes its pages once, into the store: its new
     * pages need no journal, and the WAL would write each twice (a third of the
     * commit's time and of what is written). */
    char mode[16] = "";
    sqlite3_busy_timeout(h->db, 0);
    int src = sqlite3_exec(h->db, "PRAGMA journal_mode=DELETE", bulk_first_cell, mode, NULL);
    sqlite3_busy_timeout(h->db, 15000);
    h->rollback_journal = src == SQLITE_OK && strcmp(mode, "delete") == 0;
    return OK;
}

void db_sqlite_end_bulk(void *handle)
{
    sqlite_handle *h = handle;
    sqlite3_exec(h->db, "PRAGMA foreign_keys = ON", NULL, NULL, NULL);
    if (!h->rollback_journal) return;
    /* Back to the WAL: briefly waiting for a reader that came meanwhile; when one holds
     * on, the next connection that opens the store alone puts the WAL back. */
    sqlite3_busy_timeout(h->db, 2000);
    sqlite3_exec(h->db, "PRAGMA journal_mode=WAL", NULL, NULL, NULL);
    sqlite3_busy_timeout(h->db, 15000);
    h->rollback_journal = false;
}

/* ---- staging (db_stage_*) ---- */

#define STAGE_NULL SIZE_MAX /* a cell's offset when it is NULL */

struct sqlite_stage {
    sqlite_handle *h;
    char *name;    /* owned: the table's name (temp schema) */
    char *columns; /* owned: its declaration's columns */
    size_t n_cols;
    char *arena;   /* owned: the cells' bytes, each NUL-terminated */
    size_t arena_len, arena_cap;
    size_t *cells; /* owned: n_rows * n_cols offsets into arena, STAGE_NULL for NULL */
    size_t n_rows, rows_cap;
    sqlite_stage *next; /* in h->stages */
};

typedef struct stage_vtab {
    sqlite3_vtab base;
    sqlite_stage *st; /* the stage its rows are in; outlives the table */
} stage_vtab;

typedef struct stage_cursor {
    sqlite3_vtab_cursor base;
    size_t row;
} stage_cursor;

/* xCreate and xConnect: the table named argv[2] is the stage of that name. */
static int stage_connect(sqlite3 *conn, void *aux, int argc, const char *const *argv, sqlite3_vtab **out, char **err_out)
{
    sqlite_handle *h = aux;
    sqlite_stage *st = h->stages;
    while (st && (argc < 3 || strcmp(st->name, argv[2]) != 0)) st = st->next;
    if (!st) {
        *err_out = sqlite3_mprintf("no staged rows for %s", argc >= 3 ? argv[2] : "?");
        return SQLITE_ERROR;
    }
    char *decl = xasprintf("CREATE TABLE x (%s)", st->columns);
    int rc = sqlite3_declare_vtab(conn, decl);
    free(decl);
    if (rc != SQLITE_OK) return rc;
    stage_vtab *v = sqlite3_malloc(sizeof *v);
    if (!v) return SQLITE_NOMEM;
    memset(v, 0, sizeof *v);
    v->st = st;
    *out = &v->base;
    return SQLITE_OK;
}

static int stage_disconnect(sqlite3_vtab *vtab)
{
    sqlite3_free(vtab);
    return SQLITE_OK;
}

/* Every row, in the order staged: no constraint is used. */
static int stage_best_index(sqlite3_vtab *vtab, sqlite3_index_info *info)
{
    stage_vtab *v = (stage_vtab *)vtab;
    info->estimatedCost = (double)v->st->n_rows + 1;
    info->estimatedRows = (sqlite3_int64)v->st->n_rows + 1;
    return SQLITE_OK;
}

static int stage_open(sqlite3_vtab *vtab, sqlite3_vtab_cursor **out)
{
    (void)vtab;
    stage_cursor *cur = sqlite3_malloc(sizeof *cur);
    if (!cur) return SQLITE_NOMEM;
    memset(cur, 0, sizeof *cur);
    *out = &cur->base;
    return SQLITE_OK;
}

static int stage_close(sqlite3_vtab_cursor *cur)
{
    sqlite3_free(cur);
    return SQLITE_OK;
}

static int stage_filter(sqlite3_vtab_cursor *cur, int idx, const char *idx_str, int argc, sqlite3_value **argv)
{
    (void)idx;
    (void)idx_str;
    (void)argc;
    (void)argv;
    ((stage_cursor *)cur)->row = 0;
    return SQLITE_OK;
}

static int stage_next(sqlite3_vtab_cursor *cur)
{
    ((stage_cursor *)cur)->row++;
    return SQLITE_OK;
}

static int stage_eof(sqlite3_vtab_cursor *cur)
{
    const stage_vtab *v = (const stage_vtab *)cur->pVtab;
    return ((stage_cursor *)cur)->row >= v->st->n_rows;
}

static int stage_column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col)
{
    const sqlite_stage *st = ((const stage_vtab *)cur->pVtab)->st;
    size_t off = st->cells[((stage_cursor *)cur)->row * st->n_cols + (size_t)col];
    /* Text, as db_stage_row was given it; the column it is written to converts it (an
     * INTEGER column takes "42" as 42), as it would a bound parameter. The arena does
     * not change while a statement reads it. */
    if (off == STAGE_NULL) sqlite3_result_null(ctx);
    else sqlite3_result_text(ctx, st->arena + off, -1, SQLITE_STATIC);
    return SQLITE_OK;
}

static int stage_rowid(sqlite3_vtab_cursor *cur, sqlite3_int64 *out)
{
    *out = (sqlite3_int64)((stage_cursor *)cur)->row;
    return SQLITE_OK;
}

static const sqlite3_module stage_module = {
    .iVersion = 0,
    .xCreate = stage_connect,
    .xConnect = stage_connect,
    .xBestIndex = stage_best_index,
    .xDisconnect = stage_disconnect,
    .xDestroy = stage_disconnect,
    .xOpen = stage_open,
    .xClose = stage_close,
    .xFilter = stage_filter,
    .xNext = stage_next,
    .xEof = stage_eof,
    .xColumn = stage_column,
    .xRowid = stage_rowid,
};

err_code db_sqlite_bulk_register(sqlite_handle *h, err *e)
{
    if (sqlite3_create_module_v2(h->db, "mamori_stage", &stage_module, h, NULL) != SQLITE_OK)
        return db_sqlite_fail(h->db, e, "register mamori_stage");
    return OK;
}

static void stage_unlink(sqlite_stage *st)
{
    for (sqlite_stage **p = &st->h->stages; *p; p = &(*p)->next)
        if (*p == st) {
            *p = st->next;
            break;
        }
}

static void stage_free(sqlite_stage *st)
{
    stage_unlink(st);
    free(st->name);
    free(st->columns);
    free(st->arena);
    free(st->cells);
    free(st);
}

err_code db_sqlite_stage_begin(void *handle, const char *name, const char *columns, size_t n_cols, void **out, err *e)
{
    sqlite_handle *h = handle;
    sqlite_stage *st = xcalloc(1, sizeof *st);
    st->h = h;
    st->name = xstrdup(name);
    st->columns = xstrdup(columns);
    st->n_cols = n_cols;
    st->next = h->stages;
    h->stages = st;
    /* name comes from the caller's code (db_stage_begin checks it). */
    char *sql = xasprintf("DROP TABLE IF EXISTS temp.%s; CREATE VIRTUAL TABLE temp.%s USING mamori_stage", name, name);
    err_code rc = db_sqlite_exec(h, sql, e);
    free(sql);
    if (rc != OK) {
        stage_free(st);
        return rc;
    }
    *out = st;
    return OK;
}

err_code db_sqlite_stage_row(void *stage, const char *const *cells, err *e)
{
    (void)e;
    sqlite_stage *st = stage;
    if (st->n_rows == st->rows_cap) {
        st->rows_cap = st->rows_cap ? st->rows_cap * 2 : 1024;
        st->cells = xrealloc(st->cells, st->rows_cap * st->n_cols * sizeof *st->cells);
    }
    size_t *row = &st->cells[st->n_rows * st->n_cols];
    for (size_t i = 0; i < st->n_cols; i++) {
        if (!cells[i]) {
            row[i] = STAGE_NULL;
            continue;
        }
        size_t len = strlen(cells[i]) + 1;
        if (st->arena_len + len > st->arena_cap) {
            while (st->arena_len + len > st->arena_cap) st->arena_cap = st->arena_cap ? st->arena_cap * 2 : 1 << 20;
            st->arena = xrealloc(st->arena, st->arena_cap);
        }
        memcpy(st->arena + st->arena_len, cells[i], len);
        row[i] = st->arena_len;
        st->arena_len += len;
    }
    st->n_rows++;
    return OK;
}

err_code db_sqlite_stage_pause(void *stage, err *e)
{
    (void)stage;
    (void)e; /* the rows are readable as soon as staged */
    return OK;
}

err_code db_sqlite_stage_clear(void *stage, err *e)
{
    (void)e;
    sqlite_stage *st = stage;
    st->n_rows = 0;
    st->arena_len = 0; /* the memory stays, for the rows to come */
    return OK;
}

err_code db_sqlite_stage_end(void *stage, err *e)
{
    sqlite_stage *st = stage;
    char *sql = xasprintf("DROP TABLE IF EXISTS temp.%s", st->name);
    err_code rc = db_sqlite_exec(st->h, sql, e);
    free(sql);
    stage_free(st);
    return rc;
}

/* ---- one statement, many runs (db_repeat_*) ---- */

typedef struct sqlite_repeat {
    sqlite_handle *h;
    sqlite3_stmt *stmt; /* owned */
    int n_bind;
    int *param_of; /* owned: the caller's parameter (0-based) for each bind position */
} sqlite_repeat;

err_code db_sqlite_repeat_prepare(void *handle, const char *sql, size_t n_params, void **out, err *e)
{
    sqlite_handle *h = handle;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v3(h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        return db_sqlite_fail(h->db, e, "prepare");
    if (!stmt) return err_set(e, ERR_INTERNAL, "empty statement");
    int n_bind = sqlite3_bind_parameter_count(stmt);
    int *param_of = xcalloc((size_t)n_bind + 1, sizeof *param_of);
    /* $N are numbered by first appearance in SQLite: map them once, as db_sqlite_query
     * does on every call. */
    for (int i = 1; i <= n_bind; i++) {
        const char *name = sqlite3_bind_parameter_name(stmt, i);
        long idx = name && name[0] == '$' ? strtol(name + 1, NULL, 10) : 0;
        if (idx < 1 || (size_t)idx > n_params) {
            sqlite3_finalize(stmt);
            free(param_of);
            return err_set(e, ERR_INTERNAL, "statement parameter %s has no value", name ? name : "?");
        }
        param_of[i] = (int)idx - 1;
    }
    sqlite_repeat *r = xcalloc(1, sizeof *r);
    r->h = h;
    r->stmt = stmt;
    r->n_bind = n_bind;
    r->param_of = param_of;
    *out = r;
    return OK;
}

err_code db_sqlite_repeat_run(void *repeat, const char *const *params, err *e)
{
    sqlite_repeat *r = repeat;
    for (int i = 1; i <= r->n_bind; i++) {
        const char *v = params[r->param_of[i]];
        int brc = v ? sqlite3_bind_text(r->stmt, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(r->stmt, i);
        if (brc != SQLITE_OK) return db_sqlite_fail(r->h->db, e, "bind");
    }
    int step;
    while ((step = sqlite3_step(r->stmt)) == SQLITE_ROW) continue;
    sqlite3_reset(r->stmt);
    return step == SQLITE_DONE ? OK : db_sqlite_fail(r->h->db, e, "query");
}

void db_sqlite_repeat_free(void *repeat)
{
    sqlite_repeat *r = repeat;
    sqlite3_finalize(r->stmt);
    free(r->param_of);
    free(r);
}

err_code db_sqlite_reserve_ids(void *handle, const char *table, size_t n, long *ids, err *e)
{
    /* Under the write lock (BEGIN IMMEDIATE) nobody else inserts, so the ids after the
     * largest are free — the ones SQLite itself would give an INTEGER PRIMARY KEY. */
    char *sql = xasprintf("SELECT coalesce(max(id), 0) FROM %s", table);
    db_rows *rows = NULL;
    err_code rc = db_sqlite_query(handle, sql, NULL, 0, &rows, e);
    free(sql);
    if (rc == OK) {
        long first = atol(db_cell(rows, 0, 0)) + 1;
        for (size_t i = 0; i < n; i++) ids[i] = first + (long)i;
    }
    db_rows_free(rows);
    return rc;
}

err_code db_sqlite_indexes_set_aside(void *handle, const char *table, const char *const *names, char ***saved,
                                     err *e)
{
    size_t n_names = 0;
    while (names[n_names]) n_names++;
    char **sql = xcalloc(n_names + 1, sizeof *sql);
    size_t n = 0;
    err_code rc = OK;
    for (size_t i = 0; i < n_names && rc == OK; i++) {
        db_rows *rows = NULL;
        /* sql IS NULL: an index of a UNIQUE or PRIMARY KEY constraint, which stays. */
        rc = db_sqlite_query(handle,
                             "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1 AND name = $2"
                             " AND sql IS NOT NULL",
                             (const char *const[]){table, names[i]}, 2, &rows, e);
        if (rc == OK && rows->n_rows == 1) {
            /* names[i] is an identifier of the caller's code (db_indexes_set_aside checks). */
            char *drop = xasprintf("DROP INDEX %s", names[i]);
            rc = db_sqlite_exec(handle, drop, e);
            free(drop);
            if (rc == OK) sql[n++] = xstrdup(db_cell(rows, 0, 0));
        }
        db_rows_free(rows);
    }
    if (rc != OK) {
        for (size_t i = 0; i < n; i++) free(sql[i]);
        free(sql);
        return rc;
    }
    *saved = sql;
    return OK;
}


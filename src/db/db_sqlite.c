/* db_sqlite — the embedded default store (see db.h, db_backend.h).
 * Each connection runs in WAL mode with foreign keys on and synchronous=FULL, so a
 * write answered 2xx survives a crash. Prepared statements are cached per connection:
 * the hot paths (session lookup) then cost one sqlite3_step, not a parse. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/buf.h"
#include "core/xalloc.h"
#include "db/db_backend.h"

#define SQLITE_STMT_CACHE 64

typedef struct sqlite_cached {
    uint64_t hash;
    char *sql;  /* owned copy, the cache key */
    sqlite3_stmt *stmt;
} sqlite_cached;

typedef struct sqlite_handle {
    sqlite3 *db;
    sqlite_cached cache[SQLITE_STMT_CACHE];
    size_t next_evict;
} sqlite_handle;

static uint64_t sqlite_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

static err_code sqlite_fail(sqlite3 *conn, err *e, const char *what)
{
    int code = sqlite3_extended_errcode(conn);
    /* A CHECK, UNIQUE or trigger refusal is the store saying no, not a broken store. */
    err_code kind = ((code & 0xff) == SQLITE_CONSTRAINT) ? ERR_CONFLICT : ERR_STORE;
    return err_set(e, kind, "%s: %s", what, sqlite3_errmsg(conn));
}

static err_code sqlite_connect(const char *path, int flags, void **handle, err *e)
{
    sqlite3 *conn = NULL;
    int oflags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX;
    if (flags & DB_OPEN_CREATE) oflags |= SQLITE_OPEN_CREATE;
    int rc = sqlite3_open_v2(path, &conn, oflags, NULL);
    if (rc != SQLITE_OK) {
        err_code r = err_set(e, ERR_STORE, "cannot open SQLite store %s: %s", path,
                             conn ? sqlite3_errmsg(conn) : sqlite3_errstr(rc));
        sqlite3_close(conn);
        return r;
    }
    sqlite3_busy_timeout(conn, 15000);
    char *msg = NULL;
    rc = sqlite3_exec(conn,
                      "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL;"
                      " PRAGMA trusted_schema=OFF;",
                      NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        err_code r = err_set(e, ERR_STORE, "cannot configure SQLite store %s: %s", path, msg ? msg : "");
        sqlite3_free(msg);
        sqlite3_close(conn);
        return r;
    }
    sqlite_handle *h = xcalloc(1, sizeof *h);
    h->db = conn;
    *handle = h;
    return OK;
}

static void sqlite_disconnect(void *handle)
{
    sqlite_handle *h = handle;
    for (size_t i = 0; i < SQLITE_STMT_CACHE; i++) {
        sqlite3_finalize(h->cache[i].stmt);
        free(h->cache[i].sql);
    }
    sqlite3_close(h->db);
    free(h);
}

/* Returns a reset, unbound statement for sql from the cache, preparing it if needed. */
static err_code sqlite_prepare(sqlite_handle *h, const char *sql, sqlite3_stmt **out, err *e)
{
    uint64_t hash = sqlite_hash(sql);
    for (size_t i = 0; i < SQLITE_STMT_CACHE; i++) {
        if (h->cache[i].stmt && h->cache[i].hash == hash && strcmp(h->cache[i].sql, sql) == 0) {
            *out = h->cache[i].stmt;
            return OK;
        }
    }
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v3(h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &tail) != SQLITE_OK)
        return sqlite_fail(h->db, e, "prepare");
    if (!stmt) return err_set(e, ERR_INTERNAL, "empty statement");
    sqlite_cached *slot = &h->cache[h->next_evict];
    h->next_evict = (h->next_evict + 1) % SQLITE_STMT_CACHE;
    sqlite3_finalize(slot->stmt);
    free(slot->sql);
    slot->hash = hash;
    slot->sql = xstrdup(sql);
    slot->stmt = stmt;
    *out = stmt;
    return OK;
}

static err_code sqlite_query(void *handle, const char *sql, const char *const *params, size_t n_params,
                             db_rows **out, err *e)
{
    sqlite_handle *h = handle;
    sqlite3_stmt *stmt = NULL;
    err_code rc = sqlite_prepare(h, sql, &stmt, e);
    if (rc != OK) return rc;

    db_rows *rows = NULL;
    /* $N names are numbered by first appearance in SQLite; bind by name so "$2 … $1"
     * binds what the caller meant. */
    int n_bind = sqlite3_bind_parameter_count(stmt);
    for (int i = 1; i <= n_bind; i++) {
        const char *name = sqlite3_bind_parameter_name(stmt, i);
        long idx = name && name[0] == '$' ? strtol(name + 1, NULL, 10) : 0;
        if (idx < 1 || (size_t)idx > n_params) {
            rc = err_set(e, ERR_INTERNAL, "statement parameter %s has no value", name ? name : "?");
            goto cleanup;
        }
        const char *v = params[idx - 1];
        int brc = v ? sqlite3_bind_text(stmt, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(stmt, i);
        if (brc != SQLITE_OK) {
            rc = sqlite_fail(h->db, e, "bind");
            goto cleanup;
        }
    }

    int n_cols = sqlite3_column_count(stmt);
    if (out) {
        rows = db_rows_new((size_t)n_cols);
        for (int i = 0; i < n_cols; i++) rows->names[i] = xstrdup(sqlite3_column_name(stmt, i));
    }
    const char **cells = xcalloc((size_t)n_cols + 1, sizeof *cells);
    size_t *lens = xcalloc((size_t)n_cols + 1, sizeof *lens);
    int step;
    while ((step = sqlite3_step(stmt)) == SQLITE_ROW) {
        if (!rows) continue;
        for (int i = 0; i < n_cols; i++) {
            if (sqlite3_column_type(stmt, i) == SQLITE_NULL) {
                cells[i] = NULL;
                lens[i] = 0;
            } else {
                cells[i] = (const char *)sqlite3_column_text(stmt, i);
                lens[i] = (size_t)sqlite3_column_bytes(stmt, i);
            }
        }
        db_rows_add(rows, cells, lens);
    }
    free(cells);
    free(lens);
    if (step != SQLITE_DONE) {
        rc = sqlite_fail(h->db, e, "query");
        goto cleanup;
    }
    rc = OK;
    if (out) {
        *out = rows;
        rows = NULL;
    }
cleanup:
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    db_rows_free(rows);
    return rc;
}

static err_code sqlite_exec_script(void *handle, const char *sql, err *e)
{
    sqlite_handle *h = handle;
    char *msg = NULL;
    if (sqlite3_exec(h->db, sql, NULL, NULL, &msg) != SQLITE_OK) {
        int code = sqlite3_extended_errcode(h->db);
        err_code r = err_set(e, (code & 0xff) == SQLITE_CONSTRAINT ? ERR_CONFLICT : ERR_STORE, "%s",
                             msg ? msg : "SQLite error");
        sqlite3_free(msg);
        return r;
    }
    return OK;
}

static err_code sqlite_is_initialized(void *handle, bool *out, err *e)
{
    db_rows *rows = NULL;
    err_code rc = sqlite_query(handle, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'",
                               NULL, 0, &rows, e);
    if (rc == OK) *out = rows->n_rows > 0;
    db_rows_free(rows);
    return rc;
}

static err_code sqlite_backup(void *handle, const char *path, err *e)
{
    sqlite_handle *h = handle;
    sqlite3 *dest = NULL;
    err_code rc = OK;
    if (sqlite3_open_v2(path, &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL) != SQLITE_OK) {
        rc = err_set(e, ERR_STORE, "cannot create %s: %s", path, dest ? sqlite3_errmsg(dest) : "");
        goto cleanup;
    }
    sqlite3_backup *b = sqlite3_backup_init(dest, "main", h->db, "main");
    if (!b) {
        rc = err_set(e, ERR_STORE, "backup: %s", sqlite3_errmsg(dest));
        goto cleanup;
    }
    /* Copy in steps so writers are held up for moments, not for the whole copy; a write
     * between steps makes SQLite restart the copy, so the result is one snapshot. */
    int step;
    do {
        step = sqlite3_backup_step(b, 256);
        if (step == SQLITE_BUSY || step == SQLITE_LOCKED) sqlite3_sleep(20);
    } while (step == SQLITE_OK || step == SQLITE_BUSY || step == SQLITE_LOCKED);
    sqlite3_backup_finish(b);
    if (step != SQLITE_DONE) {
        rc = err_set(e, ERR_STORE, "backup: %s", sqlite3_errstr(step));
        goto cleanup;
    }
    /* The copy is a complete store on its own, not a WAL pair. */
    char *msg = NULL;
    if (sqlite3_exec(dest, "PRAGMA journal_mode=DELETE;", NULL, NULL, &msg) != SQLITE_OK) {
        rc = err_set(e, ERR_STORE, "backup: %s", msg ? msg : "");
        sqlite3_free(msg);
    }
cleanup:
    sqlite3_close(dest);
    return rc;
}

static err_code sqlite_restore(void *handle, const char *path, err *e)
{
    sqlite_handle *h = handle;
    sqlite3 *src = NULL;
    err_code rc = OK;
    if (sqlite3_open_v2(path, &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK) {
        rc = err_set(e, ERR_VALIDATION, "cannot open the backup %s: %s", path, src ? sqlite3_errmsg(src) : "");
        goto cleanup;
    }
    sqlite3_backup *b = sqlite3_backup_init(h->db, "main", src, "main");
    if (!b) {
        rc = err_set(e, ERR_STORE, "restore: %s", sqlite3_errmsg(h->db));
        goto cleanup;
    }
    int step = sqlite3_backup_step(b, -1);
    sqlite3_backup_finish(b);
    if (step != SQLITE_DONE) rc = err_set(e, ERR_STORE, "restore: %s", sqlite3_errstr(step));
    /* Cached statements were prepared against the old, empty schema. */
    for (size_t i = 0; i < SQLITE_STMT_CACHE; i++) {
        sqlite3_finalize(h->cache[i].stmt);
        free(h->cache[i].sql);
        h->cache[i].stmt = NULL;
        h->cache[i].sql = NULL;
    }
cleanup:
    sqlite3_close(src);
    return rc;
}

/* ---- staging (db_stage_*) ---- */

typedef struct sqlite_stage {
    sqlite_handle *h;
    sqlite3_stmt *insert; /* owned: INSERT INTO temp.name VALUES (?, …) */
    int n_cols;
} sqlite_stage;

static err_code sqlite_stage_begin(void *handle, const char *name, const char *columns, size_t n_cols, void **out,
                                   err *e)
{
    sqlite_handle *h = handle;
    /* name and columns come from the caller's code (db_stage_begin checks the name). */
    char *create = xasprintf("DROP TABLE IF EXISTS temp.%s; CREATE TEMP TABLE %s (%s)", name, name, columns);
    err_code rc = sqlite_exec_script(h, create, e);
    free(create);
    if (rc != OK) return rc;
    buf sql;
    buf_init(&sql, 0);
    buf_printf(&sql, "INSERT INTO temp.%s VALUES (", name);
    for (size_t i = 0; i < n_cols; i++) buf_puts(&sql, i ? ", ?" : "?");
    buf_puts(&sql, ")");
    sqlite3_stmt *stmt = NULL;
    /* Not the statement cache: one stage, one statement, finalized at the end. */
    if (sqlite3_prepare_v2(h->db, buf_str(&sql), -1, &stmt, NULL) != SQLITE_OK) rc = sqlite_fail(h->db, e, "stage");
    buf_free(&sql);
    if (rc != OK) return rc;
    sqlite_stage *st = xcalloc(1, sizeof *st);
    st->h = h;
    st->insert = stmt;
    st->n_cols = (int)n_cols;
    *out = st;
    return OK;
}

static err_code sqlite_stage_row(void *stage, const char *const *cells, err *e)
{
    sqlite_stage *st = stage;
    for (int i = 0; i < st->n_cols; i++) {
        int brc = cells[i] ? sqlite3_bind_text(st->insert, i + 1, cells[i], -1, SQLITE_STATIC)
                           : sqlite3_bind_null(st->insert, i + 1);
        if (brc != SQLITE_OK) return sqlite_fail(st->h->db, e, "stage");
    }
    int step = sqlite3_step(st->insert);
    sqlite3_reset(st->insert);
    return step == SQLITE_DONE ? OK : sqlite_fail(st->h->db, e, "stage");
}

static err_code sqlite_stage_pause(void *stage, err *e)
{
    (void)stage;
    (void)e; /* the INSERT, reset after each row, lets any statement run meanwhile */
    return OK;
}

static err_code sqlite_stage_end(void *stage, err *e)
{
    (void)e;
    sqlite_stage *st = stage;
    sqlite3_finalize(st->insert);
    free(st);
    return OK;
}

/* ---- one statement, many runs (db_repeat_*) ---- */

typedef struct sqlite_repeat {
    sqlite_handle *h;
    sqlite3_stmt *stmt; /* owned */
    int n_bind;
    int *param_of; /* owned: the caller's parameter (0-based) for each bind position */
} sqlite_repeat;

static err_code sqlite_repeat_prepare(void *handle, const char *sql, size_t n_params, void **out, err *e)
{
    sqlite_handle *h = handle;
    sqlite3_stmt *stmt = NULL;
    if (sqlite3_prepare_v3(h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
        return sqlite_fail(h->db, e, "prepare");
    if (!stmt) return err_set(e, ERR_INTERNAL, "empty statement");
    int n_bind = sqlite3_bind_parameter_count(stmt);
    int *param_of = xcalloc((size_t)n_bind + 1, sizeof *param_of);
    /* $N are numbered by first appearance in SQLite: map them once, as sqlite_query
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

static err_code sqlite_repeat_run(void *repeat, const char *const *params, err *e)
{
    sqlite_repeat *r = repeat;
    for (int i = 1; i <= r->n_bind; i++) {
        const char *v = params[r->param_of[i]];
        int brc = v ? sqlite3_bind_text(r->stmt, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(r->stmt, i);
        if (brc != SQLITE_OK) return sqlite_fail(r->h->db, e, "bind");
    }
    int step;
    while ((step = sqlite3_step(r->stmt)) == SQLITE_ROW) continue;
    sqlite3_reset(r->stmt);
    return step == SQLITE_DONE ? OK : sqlite_fail(r->h->db, e, "query");
}

static void sqlite_repeat_free(void *repeat)
{
    sqlite_repeat *r = repeat;
    sqlite3_finalize(r->stmt);
    free(r->param_of);
    free(r);
}

static err_code sqlite_reserve_ids(void *handle, const char *table, size_t n, long *ids, err *e)
{
    /* Under the write lock (BEGIN IMMEDIATE) nobody else inserts, so the ids after the
     * largest are free — the ones SQLite itself would give an INTEGER PRIMARY KEY. */
    char *sql = xasprintf("SELECT coalesce(max(id), 0) FROM %s", table);
    db_rows *rows = NULL;
    err_code rc = sqlite_query(handle, sql, NULL, 0, &rows, e);
    free(sql);
    if (rc == OK) {
        long first = atol(db_cell(rows, 0, 0)) + 1;
        for (size_t i = 0; i < n; i++) ids[i] = first + (long)i;
    }
    db_rows_free(rows);
    return rc;
}

static err_code sqlite_indexes_set_aside(void *handle, const char *table, char ***saved, err *e)
{
    *saved = NULL;
    db_rows *rows = NULL;
    /* sql IS NULL: an index of a UNIQUE or PRIMARY KEY constraint, which stays. */
    err_code rc = sqlite_query(handle,
                               "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = $1"
                               " AND sql IS NOT NULL ORDER BY name",
                               (const char *const[]){table}, 1, &rows, e);
    if (rc != OK) return rc;
    char **sql = xcalloc(rows->n_rows + 1, sizeof *sql);
    size_t n = 0;
    for (size_t i = 0; i < rows->n_rows && rc == OK; i++) {
        /* The name comes from the schema, not from input; quoted all the same. */
        buf drop;
        buf_init(&drop, 0);
        buf_puts(&drop, "DROP INDEX \"");
        for (const char *p = db_cell(rows, i, 0); *p; p++) buf_append(&drop, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
        buf_puts(&drop, "\"");
        rc = sqlite_exec_script(handle, buf_str(&drop), e);
        buf_free(&drop);
        if (rc == OK) sql[n++] = xstrdup(db_cell(rows, i, 1));
    }
    db_rows_free(rows);
    if (rc != OK) {
        for (size_t i = 0; i < n; i++) free(sql[i]);
        free(sql);
        return rc;
    }
    *saved = sql;
    return OK;
}

const db_backend_ops db_sqlite_ops = {
    .kind = DB_SQLITE,
    .name = "sqlite",
    .migrations_dir = "migrations/sqlite/",
    .claim_clause = "",
    .row_lock_clause = "",
    .connect = sqlite_connect,
    .disconnect = sqlite_disconnect,
    .query = sqlite_query,
    .exec_script = sqlite_exec_script,
    .begin_write_sql = "BEGIN IMMEDIATE",
    /* The default page cache (2 MB) makes a transaction of a million rows spill and
     * re-read the indexes it grows (the sort key's, the search index's) page by page;
     * 1 GB is taken only as the transaction needs it and given back at disconnect. And
     * each statement's journal (what undoes the statement alone, for a constraint
     * that fails) goes to a temp file once over 64 KB: in memory, an import writes no
     * more than the WAL. */
    .bulk_sql = "PRAGMA cache_size = -1048576; PRAGMA temp_store = MEMORY",
    .begin_read_sql = "BEGIN",
    .is_initialized = sqlite_is_initialized,
    .backup = sqlite_backup,
    .restore = sqlite_restore,
    .stage_begin = sqlite_stage_begin,
    .stage_row = sqlite_stage_row,
    .stage_pause = sqlite_stage_pause,
    .stage_end = sqlite_stage_end,
    .reserve_ids = sqlite_reserve_ids,
    .repeat_prepare = sqlite_repeat_prepare,
    .repeat_run = sqlite_repeat_run,
    .repeat_free = sqlite_repeat_free,
    .indexes_set_aside = sqlite_indexes_set_aside,
};

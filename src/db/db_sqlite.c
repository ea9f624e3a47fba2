/* db_sqlite — the embedded default store (see db.h, db_backend.h).
 * Each connection runs in WAL mode with foreign keys on and synchronous=FULL, so a
 * write answered 2xx survives a crash. Prepared statements are cached per connection:
 * the hot paths (session lookup) then cost one sqlite3_step, not a parse. */
#include <sqlite3.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/xalloc.h"
#include "db/db_backend.h"
#include "db/db_sqlite_internal.h"


static uint64_t sqlite_hash(const char *s)
{
    uint64_t h = 1469598103934665603ULL; /* FNV-1a */
    for (; *s; s++) h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return h;
}

err_code db_sqlite_fail(sqlite3 *conn, err *e, const char *what)
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
    char *msg = NULL;
    /* WAL, unless the store is locked: then a bulk import has it in rollback-journal
     * mode (db_prepare_bulk) and puts the WAL back when it ends; this connection works
     * in either mode meanwhile, and waits for nothing here. */
    sqlite3_busy_timeout(conn, 0);
    rc = sqlite3_exec(conn, "PRAGMA journal_mode=WAL", NULL, NULL, &msg);
    if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
        sqlite3_free(msg);
        msg = NULL;
        rc = SQLITE_OK;
    }
    sqlite3_busy_timeout(conn, 15000);
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(conn, "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA trusted_schema=OFF;", NULL,
                          NULL, &msg);
    if (rc != SQLITE_OK) {
        err_code r = err_set(e, ERR_STORE, "cannot configure SQLite store %s: %s", path, msg ? msg : "");
        sqlite3_free(msg);
        sqlite3_close(conn);
        return r;
    }
    sqlite_handle *h = xcalloc(1, sizeof *h);
    h->db = conn;
    if (db_sqlite_words_register(h, e) != OK || db_sqlite_bulk_register(h, e) != OK) {
        sqlite3_close(conn);
        free(h);
        return ERR_STORE;
    }
    *handle = h;
    return OK;
}

static void sqlite_disconnect(void *handle)
{
    sqlite_handle *h = handle;
    for (size_t i = 0; i < SQLITE_STMT_CACHE; i++) {
        sqlite3_finalize(h->cache[i].stmt);
        free(h->cache[i].sql);
        free(h->cache[i].params);
    }
    sqlite3_close(h->db);
    free(h);
}

/* Returns the cache entry of a reset, unbound statement for sql, preparing it if needed. */
static err_code sqlite_prepare(sqlite_handle *h, const char *sql, const sqlite_cached **out, err *e)
{
    uint64_t hash = sqlite_hash(sql);
    for (size_t i = 0; i < SQLITE_STMT_CACHE; i++) {
        if (h->cache[i].stmt && h->cache[i].hash == hash && strcmp(h->cache[i].sql, sql) == 0) {
            *out = &h->cache[i];
            return OK;
        }
    }
    sqlite3_stmt *stmt = NULL;
    const char *tail = NULL;
    if (sqlite3_prepare_v3(h->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, &tail) != SQLITE_OK)
        return db_sqlite_fail(h->db, e, "prepare");
    if (!stmt) return err_set(e, ERR_INTERNAL, "empty statement");
    sqlite_cached *slot = &h->cache[h->next_evict];
    h->next_evict = (h->next_evict + 1) % SQLITE_STMT_CACHE;
    sqlite3_finalize(slot->stmt);
    free(slot->sql);
    free(slot->params);
    slot->hash = hash;
    slot->sql = xstrdup(sql);
    slot->stmt = stmt;
    slot->n_params = sqlite3_bind_parameter_count(stmt);
    slot->params = xcalloc((size_t)slot->n_params + 1, sizeof *slot->params);
    for (int i = 1; i <= slot->n_params; i++) {
        const char *name = sqlite3_bind_parameter_name(stmt, i);
        slot->params[i] = name && name[0] == '$' ? strtol(name + 1, NULL, 10) : 0;
    }
    *out = slot;
    return OK;
}

err_code db_sqlite_query(void *handle, const char *sql, const char *const *params, size_t n_params,
                             db_rows **out, err *e)
{
    sqlite_handle *h = handle;
    const sqlite_cached *cached = NULL;
    err_code rc = sqlite_prepare(h, sql, &cached, e);
    if (rc != OK) return rc;
    sqlite3_stmt *stmt = cached->stmt;

    db_rows *rows = NULL;
    /* $N names are numbered by first appearance in SQLite; bind by name so "$2 … $1"
     * binds what the caller meant. */
    for (int i = 1; i <= cached->n_params; i++) {
        long idx = cached->params[i];
        if (idx < 1 || (size_t)idx > n_params) {
            const char *name = sqlite3_bind_parameter_name(stmt, i);
            rc = err_set(e, ERR_INTERNAL, "statement parameter %s has no value", name ? name : "?");
            goto cleanup;
        }
        const char *v = params[idx - 1];
        int brc = v ? sqlite3_bind_text(stmt, i, v, -1, SQLITE_STATIC) : sqlite3_bind_null(stmt, i);
        if (brc != SQLITE_OK) {
            rc = db_sqlite_fail(h->db, e, "bind");
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
        rc = db_sqlite_fail(h->db, e, "query");
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

err_code db_sqlite_exec(void *handle, const char *sql, err *e)
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
    err_code rc = db_sqlite_query(handle, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'",
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
        free(h->cache[i].params);
        h->cache[i].stmt = NULL;
        h->cache[i].sql = NULL;
        h->cache[i].params = NULL;
    }
cleanup:
    sqlite3_close(src);
    return rc;
}

const db_backend_ops db_sqlite_ops = {
    .kind = DB_SQLITE,
    .name = "sqlite",
    .migrations_dir = "migrations/sqlite/",
    .claim_clause = "",
    .row_lock_clause = "",
    .connect = sqlite_connect,
    .disconnect = sqlite_disconnect,
    .query = db_sqlite_query,
    .exec_script = db_sqlite_exec,
    .begin_write_sql = "BEGIN IMMEDIATE",
    .prepare_bulk = db_sqlite_prepare_bulk,
    .end_bulk = db_sqlite_end_bulk,
    .begin_read_sql = "BEGIN",
    .is_initialized = sqlite_is_initialized,
    .backup = sqlite_backup,
    .restore = sqlite_restore,
    .stage_begin = db_sqlite_stage_begin,
    .stage_row = db_sqlite_stage_row,
    .stage_pause = db_sqlite_stage_pause,
    .stage_clear = db_sqlite_stage_clear,
    .stage_end = db_sqlite_stage_end,
    .reserve_ids = db_sqlite_reserve_ids,
    .repeat_prepare = db_sqlite_repeat_prepare,
    .repeat_run = db_sqlite_repeat_run,
    .repeat_free = db_sqlite_repeat_free,
    .indexes_set_aside = db_sqlite_indexes_set_aside,
};

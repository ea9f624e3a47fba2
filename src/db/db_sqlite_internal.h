/* db_sqlite_internal — what the SQLite backend's files (db_sqlite.c: connections,
 * statements, backups; db_sqlite_bulk.c: what bulk writes use; db_sqlite_words.c: the
 * search index's tokenizer) share. Internal to src/db/. */
#ifndef MAMORI_DB_SQLITE_INTERNAL_H
#define MAMORI_DB_SQLITE_INTERNAL_H
#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "db/db_backend.h"

#define SQLITE_STMT_CACHE 64

typedef struct sqlite_cached {
    uint64_t hash;
    char *sql;  /* owned copy, the cache key */
    sqlite3_stmt *stmt;
    /* owned: for each of the statement's parameters (1 … n_params), the caller's
     * parameter number its name $N gives (0: a name that is not $N). Found once at
     * prepare: sqlite3_bind_parameter_name walks a list, so asking it per parameter at
     * every execution costs n² for a statement of n parameters — a many-row INSERT of a
     * thousand parameters spent most of its time there. */
    long *params;
    int n_params;
} sqlite_cached;

typedef struct sqlite_stage sqlite_stage;

typedef struct sqlite_handle {
    sqlite3 *db;
    sqlite_cached cache[SQLITE_STMT_CACHE];
    size_t next_evict;
    sqlite_stage *stages; /* the staging tables open on this connection (db_sqlite_bulk.c) */
    bool rollback_journal; /* db_prepare_bulk left the WAL for the rollback journal */
} sqlite_handle;

/* The connection's error as an err (a constraint's refusal ERR_CONFLICT, else ERR_STORE). */
err_code db_sqlite_fail(sqlite3 *conn, err *e, const char *what);
/* db_backend_ops.query and .exec_script. */
err_code db_sqlite_query(void *handle, const char *sql, const char *const *params, size_t n_params, db_rows **out,
                         err *e);
err_code db_sqlite_exec(void *handle, const char *sql, err *e);

/* db_sqlite_words.c: registers the FTS5 tokenizer mamori_words on a new connection. */
err_code db_sqlite_words_register(sqlite_handle *h, err *e);
/* db_sqlite_bulk.c: registers its virtual table module on a new connection. */
err_code db_sqlite_bulk_register(sqlite_handle *h, err *e);
err_code db_sqlite_stage_begin(void *handle, const char *name, const char *columns, size_t n_cols, void **stage,
                               err *e);
err_code db_sqlite_stage_row(void *stage, const char *const *cells, err *e);
err_code db_sqlite_stage_pause(void *stage, err *e);
err_code db_sqlite_stage_clear(void *stage, err *e);
err_code db_sqlite_stage_end(void *stage, err *e);
err_code db_sqlite_repeat_prepare(void *handle, const char *sql, size_t n_params, void **repeat, err *e);
err_code db_sqlite_repeat_run(void *repeat, const char *const *params, err *e);
void db_sqlite_repeat_free(void *repeat);
err_code db_sqlite_prepare_bulk(void *handle, err *e);
void db_sqlite_end_bulk(void *handle);
err_code db_sqlite_reserve_ids(void *handle, const char *table, size_t n, long *ids, err *e);
err_code db_sqlite_indexes_set_aside(void *handle, const char *table, const char *const *names, char ***saved,
                                     err *e);

#endif

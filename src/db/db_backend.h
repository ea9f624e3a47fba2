/* db_backend — what each store backend provides to db.c. Internal to src/db/. */
#ifndef MAMORI_DB_BACKEND_H
#define MAMORI_DB_BACKEND_H
#include "db/db.h"

typedef struct db_backend_ops {
    db_kind kind;
    const char *name;
    const char *migrations_dir; /* embedded path prefix, e.g. "migrations/sqlite/" */
    const char *row_lock_clause;
    const char *claim_clause;
    /* Opens one connection; the returned handle is owned by the pool. */
    err_code (*connect)(const char *target, int flags, void **handle, err *e);
    void (*disconnect)(void *handle);
    err_code (*query)(void *handle, const char *sql, const char *const *params, size_t n_params, db_rows **out,
                      err *e);
    /* Runs a script of several statements without parameters (migrations). */
    err_code (*exec_script)(void *handle, const char *sql, err *e);
    const char *begin_write_sql;
    /* db_prepare_bulk: readies a connection to write a great deal in one transaction;
     * end_bulk undoes what it may have changed of the store (NULL: nothing to do). */
    err_code (*prepare_bulk)(void *handle, err *e);
    void (*end_bulk)(void *handle);
    const char *begin_read_sql;
    err_code (*is_initialized)(void *handle, bool *out, err *e);
    err_code (*backup)(void *handle, const char *path, err *e);
    /* Lets role use the store as the application does: everything but UPDATE, DELETE
     * and TRUNCATE of the audit trail (NULL where the backend has no roles). */
    err_code (*grant_app_role)(void *handle, const char *role, err *e);
    /* Replaces the (empty) store's content with the backup file at path. */
    err_code (*restore)(void *handle, const char *path, err *e);
    /* A staging table (db_stage_*): begin creates the temporary table name (columns)
     * and readies the writing of its rows; row writes one (n_cols cells); end finishes
     * the writing and frees *stage, whatever happened. */
    err_code (*stage_begin)(void *handle, const char *name, const char *columns, size_t n_cols, void **stage,
                            err *e);
    err_code (*stage_row)(void *stage, const char *const *cells, err *e);
    err_code (*stage_pause)(void *stage, err *e);
    err_code (*stage_clear)(void *stage, err *e);
    err_code (*stage_end)(void *stage, err *e);
    /* n unused ids of table's id column, ascending, for rows the caller inserts in its
     * write transaction (db_reserve_ids; table is checked to be an identifier). */
    err_code (*reserve_ids)(void *handle, const char *table, size_t n, long *ids, err *e);
    /* db_repeat_*: a statement prepared once and run many times. */
    err_code (*repeat_prepare)(void *handle, const char *sql, size_t n_params, void **repeat, err *e);
    err_code (*repeat_run)(void *repeat, const char *const *params, err *e);
    void (*repeat_free)(void *repeat);
    /* db_indexes_set_aside: drops the named indexes of table (those it has), their
     * definitions (NULL-ended, owned) into *saved; NULL where the backend keeps them
     * (db_indexes_restore runs the definitions back). */
    err_code (*indexes_set_aside)(void *handle, const char *table, const char *const *names, char ***saved, err *e);
} db_backend_ops;

extern const db_backend_ops db_sqlite_ops;
extern const db_backend_ops db_pg_ops;

/* Shared by the backends: a result set with n_cols columns and no rows yet. */
db_rows *db_rows_new(size_t n_cols);
/* Appends a row; cells are copied (NULL stays NULL). */
void db_rows_add(db_rows *r, const char *const *cells, const size_t *lens);

#endif
